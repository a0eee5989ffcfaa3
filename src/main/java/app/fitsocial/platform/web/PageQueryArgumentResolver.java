package app.fitsocial.platform.web;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves {@code ?limit=&cursor=} into a {@link PageQuery}, rejecting out-of-range limits with 400. */
class PageQueryArgumentResolver implements HandlerMethodArgumentResolver {

    private final WebSettings.Pagination settings;

    PageQueryArgumentResolver(WebSettings.Pagination settings) {
        this.settings = settings;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == PageQuery.class;
    }

    @Override
    public PageQuery resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest request, @Nullable WebDataBinderFactory binderFactory) {
        PageLimit annotation = parameter.getParameterAnnotation(PageLimit.class);
        int limit = annotation != null && annotation.value() == PageLimit.Size.HEAVY
                ? settings.heavyDefaultLimit()
                : settings.defaultLimit();
        String rawLimit = request.getParameter("limit");
        if (rawLimit != null) {
            try {
                limit = Integer.parseInt(rawLimit.trim());
            }
            catch (NumberFormatException ex) {
                throw invalidLimit();
            }
            if (limit < 1 || limit > settings.maxLimit()) {
                throw invalidLimit();
            }
        }
        String cursor = request.getParameter("cursor");
        return new PageQuery(limit, cursor == null || cursor.isBlank() ? null : cursor);
    }

    private InvalidFieldException invalidLimit() {
        return new InvalidFieldException("limit", "must be a whole number between 1 and " + settings.maxLimit());
    }
}
