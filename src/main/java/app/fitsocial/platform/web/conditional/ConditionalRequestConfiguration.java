package app.fitsocial.platform.web.conditional;

import java.time.Clock;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

import app.fitsocial.platform.versions.Versions;

/**
 * The conditional-request machinery inside Spring MVC: version-tagged reads as an interceptor and
 * a body advice, and {@link WritePreconditions} arguments. Its two filters, response buffering
 * and content tags, are placed by the HTTP pipeline ({@code platform.web.HttpPipeline}).
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
}
