package app.fitsocial.platform.ratelimit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The per-account login throttle, on the rate limiter when limits are on (a no-op otherwise). */
@Configuration(proxyBeanMethods = false)
class AccountLoginThrottleConfiguration {

    @Bean
    AccountLoginThrottle accountLoginThrottle(ObjectProvider<RateLimiter> limiter, RateLimitSettings settings) {
        return new AccountLoginThrottle(limiter.getIfAvailable(), settings.effectiveLoginPerClientRule(),
                settings.effectiveLoginPerAccountRule());
    }
}
