package app.fitsocial.platform.cache;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.support.NoOpCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import app.fitsocial.platform.changes.DataVersions;

/** The two cache levels, their invalidation channel, and Spring's cache abstraction on top. */
@Configuration(proxyBeanMethods = false)
@EnableCaching
class CacheConfiguration {

    @Bean
    CacheMetrics cacheMetrics(MeterRegistry registry) {
        return new CacheMetrics(registry);
    }

    @Bean
    RedisCacheStore redisCacheStore(StringRedisTemplate redis, CacheSettings settings) {
        return new RedisCacheStore(redis, settings.redisTimeout());
    }

    @Bean
    NearCache nearCache(CacheSettings settings, CacheMetrics metrics) {
        return new NearCache(settings.nearCacheSize(), settings.nearCacheTtl(),
                settings.enabled() ? settings.nearCaches() : java.util.Set.of(), metrics);
    }

    @Bean
    RedisMessageListenerContainer cacheInvalidationListener(RedisConnectionFactory connections) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        return container;
    }

    @Bean(destroyMethod = "close")
    CacheInvalidationBus cacheInvalidationBus(RedisCacheStore store, NearCache near,
            RedisMessageListenerContainer cacheInvalidationListener, CacheSettings settings) {
        return new CacheInvalidationBus(store, near, cacheInvalidationListener, settings.heartbeat(), settings.enabled());
    }

    @Bean
    CacheService cacheService(CacheSettings settings, RedisCacheStore store, NearCache near, CacheInvalidationBus bus,
            CacheMetrics metrics, DataVersions versions, Clock clock) {
        return new CacheService(settings, store, near, bus, metrics, versions, clock);
    }

    @Bean
    CacheManager cacheManager(CacheSettings settings, CacheService service) {
        return settings.enabled() ? new TwoLevelCacheManager(service) : new NoOpCacheManager();
    }
}
