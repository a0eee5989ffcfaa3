package app.fitsocial.platform.cache;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.micrometer.core.instrument.Gauge;
import org.jspecify.annotations.Nullable;

/**
 * The in-process (L1) level: decoded values with the version they were read at, one bounded
 * Caffeine cache per cache that opted in. An entry is used only after the current version of its
 * resource was read from Redis and found equal, so L1 never needs to be told about changes.
 */
class NearCache {

    /** A decoded value and the version it stands for. */
    record Entry(long stamp, Object value) {
    }

    private final Map<String, Cache<String, Entry>> caches;

    NearCache(int maximumSize, Duration ttl, Set<String> enabledCaches, CacheMetrics metrics) {
        this.caches = enabledCaches.stream().collect(Collectors.toUnmodifiableMap(name -> name, name -> {
            Cache<String, Entry> cache = Caffeine.newBuilder()
                    .maximumSize(maximumSize)
                    .expireAfterWrite(ttl)
                    .removalListener((String key, Entry entry, RemovalCause cause) -> {
                        if (cause == RemovalCause.SIZE) {
                            metrics.evicted(name);
                        }
                    })
                    .build();
            Gauge.builder("cache.size", cache, Cache::estimatedSize).description("The number of entries in this cache")
                    .tag("cache", name).tag("level", "l1").register(metrics.registry());
            return cache;
        }));
    }

    @Nullable Entry get(String cache, String key) {
        Cache<String, Entry> level = caches.get(cache);
        return level == null ? null : level.getIfPresent(key);
    }

    void put(String cache, String key, Entry entry) {
        Cache<String, Entry> level = caches.get(cache);
        if (level != null) {
            level.asMap().merge(key, entry, (old, fresh) -> fresh.stamp() >= old.stamp() ? fresh : old);
        }
    }
}
