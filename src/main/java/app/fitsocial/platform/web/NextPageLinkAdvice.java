package app.fitsocial.platform.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.springframework.web.util.UriUtils;

/**
 * Adds {@code Link: <…>; rel="next"} (RFC 8288) to every {@link CursorPage} that has a next page:
 * the request's own URL with its {@code cursor} replaced. The path and every other query
 * parameter are copied byte for byte as the client sent them (never decoded and encoded again),
 * so following the link gives exactly the page that sending {@code nextCursor} by hand gives,
 * whatever the values hold. The scheme and host are the request's: what the client used, or
 * what a trusted proxy reports ({@link ForwardedOriginFilter}).
 */
@ControllerAdvice
@org.springframework.core.annotation.Order(0)
class NextPageLinkAdvice implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
        if (body instanceof CursorPage<?> page && page.nextCursor() != null
                && request instanceof ServletServerHttpRequest servlet) {
            response.getHeaders().add(HttpHeaders.LINK, "<" + next(servlet.getServletRequest(), page.nextCursor())
                    + ">; rel=\"next\"");
        }
        return body;
    }

    /** The request's URL as sent, with {@code cursor} set to the next page's. */
    static String next(HttpServletRequest request, String cursor) {
        StringJoiner query = new StringJoiner("&");
        String sent = request.getQueryString();
        if (sent != null) {
            for (String pair : sent.split("&")) {
                if (!pair.isEmpty() && !"cursor".equals(nameOf(pair))) {
                    query.add(pair);
                }
            }
        }
        query.add("cursor=" + UriUtils.encodeQueryParam(cursor, StandardCharsets.UTF_8));
        return request.getRequestURL().append('?').append(query).toString();
    }

    private static String nameOf(String pair) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException malformed) {
            return name;
        }
    }
}
