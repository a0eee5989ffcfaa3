package app.fitsocial.platform.web.conditional;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import app.fitsocial.platform.web.CursorPage;

/**
 * Notes whether a response is a list ({@link CursorPage}): lists carry an {@code ETag} only,
 * single resources also a {@code Last-Modified}.
 */
@ControllerAdvice
class RepresentationKindAdvice implements ResponseBodyAdvice<Object> {

    private static final String LIST = RepresentationKindAdvice.class.getName() + ".list";

    static boolean isList(HttpServletRequest request) {
        return request.getAttribute(LIST) != null;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof CursorPage<?> && request instanceof ServletServerHttpRequest servlet) {
            servlet.getServletRequest().setAttribute(LIST, Boolean.TRUE);
        }
        return body;
    }
}
