package app.fitsocial.platform.web.openapi;

import java.util.List;

import io.swagger.v3.oas.models.Operation;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.web.method.HandlerMethod;

import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageLimit;
import app.fitsocial.platform.web.PageQuery;
import app.fitsocial.platform.web.conditional.WritePreconditions;

/**
 * What a handler method says about its operation that the framework's reading of it misses: its
 * module (the operation's tag), whether it answers a page ({@link CursorPage}: a {@code Link}
 * header; {@link PageQuery}: {@code cursor} and {@code limit}, with the list's default size) and
 * whether it checks write preconditions. {@link HttpContract} turns these facts, recorded as
 * extensions of the operation, into parameters, headers and responses, and removes them.
 */
class OperationFacts implements OperationCustomizer {

    static final String PAGE = "x-fitsocial-page";
    static final String HEAVY_PAGE = "x-fitsocial-heavy-page";
    static final String PRECONDITIONS = "x-fitsocial-preconditions";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        String module = handler.getBeanType().getPackageName().replaceFirst("^app\\.fitsocial\\.", "").split("\\.")[0];
        operation.setTags(List.of(module));
        if (CursorPage.class.isAssignableFrom(handler.getMethod().getReturnType())) {
            operation.addExtension(PAGE, true);
        }
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.getParameterType() == PageQuery.class) {
                PageLimit limit = parameter.getParameterAnnotation(PageLimit.class);
                operation.addExtension(HEAVY_PAGE, limit != null && limit.value() == PageLimit.Size.HEAVY);
            }
            if (parameter.getParameterType() == WritePreconditions.class) {
                operation.addExtension(PRECONDITIONS, true);
            }
        }
        return operation;
    }
}
