package app.fitsocial.platform.ratelimit;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.web.servlet.HandlerExceptionResolver;

import app.fitsocial.platform.security.BearerTokens;

/**
 * The rate limiter: Bucket4j's Lettuce proxy manager on a connection of its own (from the
 * application's Redis client, standalone or cluster, so it shares its address and options),
 * buckets that expire once they would be full again, and the filter placed right before Spring
 * Security.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "fitsocial.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
class RateLimitConfiguration {

    @Bean(destroyMethod = "close")
    StatefulConnection<String, byte[]> rateLimitConnection(LettuceConnectionFactory connections) {
        RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
        AbstractRedisClient client = connections.getRequiredNativeClient();
        if (client instanceof RedisClusterClient cluster) {
            return cluster.connect(codec);
        }
        return ((RedisClient) client).connect(codec);
    }

    @Bean
    RateLimiter rateLimiter(StatefulConnection<String, byte[]> rateLimitConnection, RateLimitSettings settings,
            MeterRegistry registry) {
        Bucket4jLettuce.LettuceBasedProxyManagerBuilder<String> builder =
                rateLimitConnection instanceof StatefulRedisClusterConnection<String, byte[]> cluster
                        ? Bucket4jLettuce.casBasedBuilder(cluster)
                        : Bucket4jLettuce.casBasedBuilder((StatefulRedisConnection<String, byte[]>) rateLimitConnection);
        AsyncProxyManager<String> buckets = builder
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        java.time.Duration.ofSeconds(10)))
                .requestTimeout(settings.redisTimeout())
                .build()
                .asAsync();
        return new RateLimiter(buckets, settings, registry);
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimiter limiter, RateLimitSettings settings,
            BearerTokens tokens, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        var filter = new RateLimitFilter(new RateLimitRules(settings), limiter,
                new ClientAddress(settings.trustedProxies()), new RaisedClients(settings.raised()), tokens, problems);
        var registration = new FilterRegistrationBean<>(filter);
        // before Spring Security, so that requests it rejects (401) are counted and carry the headers
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 5);
        return registration;
    }
}
