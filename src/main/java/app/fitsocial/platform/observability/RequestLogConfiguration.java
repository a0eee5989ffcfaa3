package app.fitsocial.platform.observability;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The request log ({@link RequestLogValve}), on unless {@code fitsocial.observability.request-log.enabled=false}. */
@Configuration(proxyBeanMethods = false)
class RequestLogConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> requestLogValve(ObservabilitySettings settings) {
        return factory -> {
            if (settings.requestLog().enabled()) {
                factory.addEngineValves(new RequestLogValve(settings.requestLog().exclude()));
            }
        };
    }

    @Bean
    FilterRegistrationBean<RequestUserAttributeFilter> requestUserAttributeFilter(ObservabilitySettings settings) {
        var registration = new FilterRegistrationBean<>(new RequestUserAttributeFilter());
        registration.setEnabled(settings.requestLog().enabled());
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }
}
