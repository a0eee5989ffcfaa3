package app.fitsocial.platform.web.idempotency;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import app.fitsocial.platform.web.ProblemWriter;
import app.fitsocial.platform.web.WebSettings;

/** The idempotency filter over its PostgreSQL store; the HTTP pipeline places it after Spring Security (keys are per caller). */
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    @Bean
    IdempotencyFilter idempotencyFilter(JdbcClient jdbc, WebSettings settings, ProblemWriter problems) {
        var store = new IdempotencyStore(jdbc, settings.idempotency().retention());
        return new IdempotencyFilter(store, settings.idempotency().concurrentWait(), problems);
    }
}
