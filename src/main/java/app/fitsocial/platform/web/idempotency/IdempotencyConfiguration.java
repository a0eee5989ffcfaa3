package app.fitsocial.platform.web.idempotency;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.HandlerExceptionResolver;

import app.fitsocial.platform.web.WebSettings;

/** Places the idempotency filter after Spring Security (keys are per caller). */
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(JdbcClient jdbc, WebSettings settings,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        var store = new IdempotencyStore(jdbc, settings.idempotency().retention());
        var filter = new IdempotencyFilter(store, settings.idempotency().concurrentWait(), problems);
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 20);
        return registration;
    }
}
