package app.fitsocial.platform.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import app.fitsocial.platform.changes.DataVersionsForTests;

/**
 * One instance's caching layer, built by hand on a given Redis (so that tests can run several
 * instances side by side, stop their Redis, or move their clock).
 */
final class CacheStack implements AutoCloseable {

    final LettuceConnectionFactory connections;
    final RedisMessageListenerContainer listener;
    final CacheInvalidationBus bus;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final CacheService cache;
    final MutableClock clock = new MutableClock();

    CacheStack(int redisPort, boolean enabled) {
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redisPort),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(500)).build());
        connections.afterPropertiesSet();
        connections.start();
        StringRedisTemplate redis = new StringRedisTemplate(connections);
        CacheSettings settings = new CacheSettings(enabled, Duration.ofMillis(200), 1000, Duration.ofSeconds(30),
                Duration.ofMillis(100), Set.of("shared"), Map.of("shared", Duration.ofMinutes(10),
                        "personal", Duration.ofMinutes(5)), Duration.ofMinutes(10));
        CacheMetrics metrics = new CacheMetrics(registry);
        RedisCacheStore store = new RedisCacheStore(redis, settings.redisTimeout());
        NearCache near = new NearCache(settings.nearCacheSize(), settings.nearCacheTtl(), settings.nearCaches(), metrics);
        listener = new RedisMessageListenerContainer();
        listener.setConnectionFactory(connections);
        listener.afterPropertiesSet();
        bus = new CacheInvalidationBus(store, near, listener, settings.heartbeat(), enabled);
        listener.start();
        cache = new CacheService(settings, store, near, bus, metrics, DataVersionsForTests.on(redis), clock);
    }

    double count(String level, String result) {
        return registry.find("fitsocial.cache.requests").tag("level", level).tag("result", result).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    /** Waits until this instance hears its own heartbeats, i.e. may use its L1. */
    void awaitNearCache() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!bus.nearCacheUsable() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        bus.close();
        listener.stop();
        listener.destroy();
        connections.destroy();
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {

        private volatile Instant now = Instant.now();

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
