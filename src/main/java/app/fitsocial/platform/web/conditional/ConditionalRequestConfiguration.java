package app.fitsocial.platform.web.conditional;

import java.time.Clock;
import java.util.List;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

import app.fitsocial.platform.versions.Versions;

/**
 * The conditional-request machinery: response buffering outermost (right after the request id),
 * content tags right after Spring Security, version-tagged reads as an interceptor and a body
 * advice, and {@link WritePreconditions} arguments.
 */
@Configuration(proxyBeanMethods = false)
class ConditionalRequestConfiguration implements WebMvcConfigurer {

    private final Versions versions;
    private final JsonMapper json;
    private final Clock clock;

    ConditionalRequestConfiguration(Versions versions, JsonMapper json, Clock clock) {
        this.versions = versions;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new WritePreconditionsArgumentResolver(versions, json, clock));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new VersionTaggedReads.Interceptor(versions, clock)).addPathPatterns("/api/**");
    }

    @Bean
    VersionTaggedReads.Advice versionTaggedReadsAdvice() {
        return new VersionTaggedReads.Advice(versions, clock);
    }

    @Bean
    FilterRegistrationBean<ResponseBufferingFilter> responseBufferingFilter() {
        var registration = new FilterRegistrationBean<>(new ResponseBufferingFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ContentTagFilter> contentTagFilter(
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        var registration = new FilterRegistrationBean<>(new ContentTagFilter(clock, problems));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10);
        registration.addUrlPatterns("/api/v1/*");
        return registration;
    }
}
