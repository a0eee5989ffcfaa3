package app.fitsocial.platform.web.fields;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves {@link FieldSelection} controller arguments: the selection the request's
 * {@code ?fields=} asked for (already checked by {@link FieldSelectionInterceptor}), or
 * {@link FieldSelection#ALL}. Code that fills expensive fields receives it and skips what is
 * not asked for.
 */
class FieldSelectionArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == FieldSelection.class;
    }

    @Override
    public FieldSelection resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest request, @Nullable WebDataBinderFactory binderFactory) {
        Object selection = request.getAttribute(FieldSelection.REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return selection instanceof FieldSelection requested ? requested : FieldSelection.ALL;
    }
}
