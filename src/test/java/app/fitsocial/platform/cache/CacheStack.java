package app.fitsocial.platform.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import app.fitsocial.platform.versions.Versions;
import app.fitsocial.platform.versions.VersionsForTests;

/**
 * One instance's caching layer and versions, built by hand on a given Redis (so that tests can
 * run several instances side by side or stop their Redis).
 */
final class CacheStack implements AutoCloseable {

    final LettuceConnectionFactory connections;
    final StringRedisTemplate redis;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final Versions versions;
    final CacheService cache;

    CacheStack(int redisPort, boolean enabled) {
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redisPort),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(500)).build());
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);
        CacheSettings settings = new CacheSettings(enabled, Duration.ofMillis(200), 1000, Duration.ofMinutes(10),
                Set.of("shared"), Map.of("shared", Duration.ofMinutes(10), "personal", Duration.ofMinutes(5)),
                Duration.ofMinutes(10));
        CacheMetrics metrics = new CacheMetrics(registry);
        versions = VersionsForTests.on(redis, Clock.systemUTC(), registry);
        cache = new CacheService(settings, new RedisCacheStore(new app.fitsocial.platform.redis.SharedRedis(redis),
                settings.redisTimeout()), new NearCache(settings.nearCacheSize(), settings.nearCacheTtl(),
                        enabled ? settings.nearCaches() : Set.of(), metrics), metrics, versions);
    }

    /** Lookups of a cache that ended as {@code result} at {@code level} ({@code cache.gets}). */
    double gets(String cache, String result, String level) {
        return registry.find("cache.gets").tag("cache", cache).tag("result", result).tag("level", level).counters()
                .stream().mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    @Override
    public void close() {
        versions.close();
        connections.destroy();
    }
}
