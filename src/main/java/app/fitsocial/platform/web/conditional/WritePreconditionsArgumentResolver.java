package app.fitsocial.platform.web.conditional;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import tools.jackson.databind.json.JsonMapper;

import app.fitsocial.platform.versions.Versions;

/** Resolves {@link WritePreconditions} controller arguments from the request's precondition fields. */
class WritePreconditionsArgumentResolver implements HandlerMethodArgumentResolver {

    private final Versions versions;
    private final JsonMapper json;
    private final Clock clock;

    WritePreconditionsArgumentResolver(Versions versions, JsonMapper json, Clock clock) {
        this.versions = versions;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == WritePreconditions.class;
    }

    @Override
    public WritePreconditions resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest request, @Nullable WebDataBinderFactory binderFactory) {
        return new WritePreconditions(request.getNativeRequest(HttpServletRequest.class), versions, json, clock);
    }
}
