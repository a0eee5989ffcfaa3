package app.fitsocial.platform.web.conditional;

import java.time.Clock;
import java.util.List;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

import app.fitsocial.platform.changes.DataVersions;
import app.fitsocial.platform.web.WebSettings;

/**
 * Orders the filters of the HTTP conventions: response buffering outermost (right after the
 * request id), conditional GETs right after Spring Security; and {@link IfMatch} arguments.
 */
@Configuration(proxyBeanMethods = false)
class ConditionalRequestConfiguration implements WebMvcConfigurer {

    private final JsonMapper json;

    ConditionalRequestConfiguration(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new IfMatchArgumentResolver(json));
    }

    @Bean
    FilterRegistrationBean<ResponseBufferingFilter> responseBufferingFilter() {
        var registration = new FilterRegistrationBean<>(new ResponseBufferingFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    ResponseValidators responseValidators(DataVersions versions, WebSettings settings) {
        return new ResponseValidators(versions, settings.validatorTtl());
    }

    @Bean
    FilterRegistrationBean<ConditionalGetFilter> conditionalGetFilter(ResponseValidators validators, Clock clock) {
        var registration = new FilterRegistrationBean<>(new ConditionalGetFilter(validators, clock));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }
}
