package app.fitsocial.platform;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's one clock, in UTC, injected wherever the service reads the time: the timestamps
 * it stores, token expiry, {@code Last-Modified} and the conditional-request dates.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
