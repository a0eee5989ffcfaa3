package app.fitsocial.platform.cache;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import app.fitsocial.platform.redis.SharedRedis;
import app.fitsocial.platform.versions.Versions;

/** The two cache levels, validated against the shared versions. */
@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

    @Bean
    CacheService cacheService(CacheSettings settings, StringRedisTemplate redis, Versions versions, MeterRegistry registry) {
        CacheMetrics metrics = new CacheMetrics(registry);
        NearCache near = new NearCache(settings.nearCacheSize(), settings.nearCacheTtl(),
                settings.enabled() ? settings.nearCaches() : java.util.Set.of(), metrics);
        return new CacheService(settings, new RedisCacheStore(new SharedRedis(redis), settings.redisTimeout()), near,
                metrics, versions);
    }
}
