package app.fitsocial.platform.web;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.springframework.web.util.UriComponentsBuilder;

/** Adds the {@code Link: <...>; rel="next"} header to every {@link CursorPage} that has a next page. */
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
        if (body instanceof CursorPage<?> page && page.nextCursor() != null) {
            String next = UriComponentsBuilder.fromUri(request.getURI())
                    .replaceQueryParam("cursor", page.nextCursor())
                    .build()
                    .encode()
                    .toUriString();
            response.getHeaders().add(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return body;
    }
}
