package app.fitsocial.platform.redis;

import io.lettuce.core.ClientOptions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * How the service's Redis client behaves when Redis goes away: commands fail at once instead of
 * waiting in Lettuce's queue for the reconnection (up to the command timeout each), so every
 * Redis user (caches, data versions, feed timelines) falls back to PostgreSQL without delay;
 * Lettuce keeps reconnecting in the background and the service uses Redis again when it is back.
 * A {@code redis-cluster://} URL makes the client a cluster client.
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfiguration {

    /**
     * A Redis Cluster when {@code REDIS_URL} says {@code redis-cluster://}; Spring Boot then
     * builds a cluster client (topology refreshed on MOVED/ASK redirects and failovers, see
     * {@code spring.data.redis.lettuce.cluster.refresh} in application.yml).
     */
    @Bean
    @ConditionalOnExpression("'${REDIS_URL:}'.startsWith('redis-cluster://')")
    DataRedisConnectionDetails redisClusterConnection(Environment environment) {
        return RedisClusterUrl.parse(environment.getRequiredProperty("REDIS_URL"));
    }

    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
        return options -> options.autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
