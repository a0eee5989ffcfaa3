package app.fitsocial.platform.redis;

import io.lettuce.core.ClientOptions;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the service's Redis client behaves when Redis goes away: commands fail at once instead of
 * waiting in Lettuce's queue for the reconnection (up to the command timeout each), so every
 * Redis user (caches, data versions, feed timelines) falls back to PostgreSQL without delay;
 * Lettuce keeps reconnecting in the background and the service uses Redis again when it is back.
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfiguration {

    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
        return options -> options.autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
