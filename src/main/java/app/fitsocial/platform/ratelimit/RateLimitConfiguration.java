package app.fitsocial.platform.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.servlet.HandlerExceptionResolver;

import app.fitsocial.platform.redis.SharedRedis;
import app.fitsocial.platform.security.BearerTokens;
import app.fitsocial.platform.web.ClientAddresses;

/**
 * The rate limiter: the buckets of {@link RedisBuckets} on the service's shared Redis connection
 * (standalone or cluster), and the filter placed right before Spring Security.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "fitsocial.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
class RateLimitConfiguration {

    @Bean
    RateLimiter rateLimiter(StringRedisTemplate redis, RateLimitSettings settings, MeterRegistry registry) {
        return new RateLimiter(new RedisBuckets(new SharedRedis(redis), settings.redisTimeout()), settings, registry);
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimiter limiter, RateLimitSettings settings,
            ClientAddresses clients, BearerTokens tokens,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        var filter = new RateLimitFilter(new RateLimitRules(settings), limiter, clients,
                new RaisedClients(settings.raised()), tokens, problems);
        var registration = new FilterRegistrationBean<>(filter);
        // before Spring Security, so that requests it rejects (401) are counted and carry the headers
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 5);
        return registration;
    }
}
