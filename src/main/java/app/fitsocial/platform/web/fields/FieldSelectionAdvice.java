package app.fitsocial.platform.web.fields;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.fitsocial.platform.web.CursorPage;

/**
 * Applies the request's {@link FieldSelection} to the response body on the Jackson tree: to each
 * item of a {@link CursorPage} (whose {@code items} and {@code nextCursor} stay), to the body
 * otherwise. It runs after every other body advice, and never touches problem details.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class FieldSelectionAdvice implements ResponseBodyAdvice<Object> {

    private final JsonMapper json;

    FieldSelectionAdvice(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body == null || body instanceof ProblemDetail || !(request instanceof ServletServerHttpRequest servlet)
                || !(servlet.getServletRequest().getAttribute(FieldSelection.REQUEST_ATTRIBUTE) instanceof FieldSelection selection)) {
            return body;
        }
        JsonNode tree = json.valueToTree(body);
        if (body instanceof CursorPage<?>) {
            selection.apply(tree.path("items"));
            return tree;
        }
        return selection.apply(tree);
    }
}
