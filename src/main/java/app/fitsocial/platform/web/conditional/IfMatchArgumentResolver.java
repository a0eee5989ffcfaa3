package app.fitsocial.platform.web.conditional;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import tools.jackson.databind.json.JsonMapper;

/** Resolves {@link IfMatch} controller arguments from the request's {@code If-Match} header. */
class IfMatchArgumentResolver implements HandlerMethodArgumentResolver {

    private final JsonMapper json;

    IfMatchArgumentResolver(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == IfMatch.class;
    }

    @Override
    public IfMatch resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest request, @Nullable WebDataBinderFactory binderFactory) {
        return new IfMatch(request.getHeader(HttpHeaders.IF_MATCH), RepresentationTag.scope(), json);
    }
}
