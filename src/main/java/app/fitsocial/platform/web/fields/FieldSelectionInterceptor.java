package app.fitsocial.platform.web.fields;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.ResolvableType;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Parses {@code ?fields=} before the handler runs and checks it against the handler's declared
 * response type, so that a bad expression costs a 400 and no work. The parsed selection is kept
 * as a request attribute for {@link FieldSelectionAdvice} and {@link FieldSelectionArgumentResolver}.
 */
class FieldSelectionInterceptor implements HandlerInterceptor {

    static final String PARAMETER = "fields";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String[] expressions = request.getParameterValues(PARAMETER);
        if (expressions == null || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        if (expressions.length > 1) {
            throw new app.fitsocial.platform.web.InvalidFieldException(PARAMETER, "must be given once");
        }
        FieldSelection selection = FieldSelection.parse(expressions[0]);
        ResolvableType selected = ResponseShape.selectedType(ResolvableType.forMethodReturnType(method.getMethod()));
        ResponseShape.of(selected).check(selection, "");
        request.setAttribute(FieldSelection.REQUEST_ATTRIBUTE, selection);
        return true;
    }
}
