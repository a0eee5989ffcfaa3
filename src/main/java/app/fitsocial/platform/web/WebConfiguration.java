package app.fitsocial.platform.web;

import java.util.Arrays;
import java.util.List;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.module.SimpleModule;

/** The API's argument resolvers, its request body limit, its JSON input rules and Tomcat's own error answers. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final WebSettings settings;

    WebConfiguration(WebSettings settings) {
        this.settings = settings;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new PageQueryArgumentResolver(settings.pagination()));
    }

    /** Text with NUL characters is refused as invalid input (registered with Boot's JSON mapper). */
    @Bean
    JacksonModule nulRejectingStrings() {
        return new SimpleModule("nul-rejecting-strings").addDeserializer(String.class, new NulRejectingStringDeserializer());
    }

    /**
     * Tomcat's own error answers (requests refused before Spring sees them) as problem details:
     * replaces the host's {@code ErrorReportValve} just before the context starts, when Spring
     * Boot has put its own in.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
        return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType()) && context.getParent() instanceof StandardHost host) {
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                if (Arrays.stream(host.getPipeline().getValves()).noneMatch(ProblemErrorReportValve.class::isInstance)) {
                    host.getPipeline().addValve(new ProblemErrorReportValve());
                }
            }
        }));
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        var registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(settings.maxRequestBody().toBytes(), problems));
        // after Spring Security, so that only authenticated callers can make it read a chunked body
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 15);
        return registration;
    }
}
