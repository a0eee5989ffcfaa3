package app.fitsocial.platform.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import app.fitsocial.platform.redis.SharedRedis;
import app.fitsocial.platform.security.BearerTokens;
import app.fitsocial.platform.web.ClientAddresses;
import app.fitsocial.platform.web.ProblemWriter;

/**
 * The rate limiter: the buckets of {@link RedisBuckets} on the service's shared Redis connection
 * (standalone or cluster), and the filter that applies them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = RateLimitSettings.ENABLED, matchIfMissing = true)
class RateLimitConfiguration {

    @Bean
    RateLimiter rateLimiter(StringRedisTemplate redis, RateLimitSettings settings, MeterRegistry registry) {
        return new RateLimiter(new RedisBuckets(new SharedRedis(redis), settings.redisTimeout()), settings, registry);
    }

    /** Registered in the HTTP pipeline ({@code platform.web.HttpPipeline}), before Spring Security. */
    @Bean
    RateLimitFilter rateLimitFilter(RateLimiter limiter, RateLimitSettings settings, ClientAddresses clients,
            BearerTokens tokens, ProblemWriter problems) {
        return new RateLimitFilter(new RateLimitRules(settings), limiter, clients, new RaisedClients(settings.raised()),
                tokens, problems);
    }
}
