package app.fitsocial.platform.cache;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The caching layer's settings ({@code fitsocial.cache.*}).
 *
 * @param enabled {@code false} turns every cache off: loads go straight to PostgreSQL and the
 *        caches send nothing to Redis (the benchmark's baseline mode)
 * @param redisTimeout the longest a cache read waits for Redis before it falls through to the loader
 * @param nearCacheSize entries kept in each instance's in-process (L1) level of each cache that has one
 * @param nearCacheTtl the longest an entry stays in L1 (a memory bound: every L1 hit is checked
 *        against the shared versions first, so an entry is never used after its resource changed)
 * @param nearCaches the caches that also keep decoded entries in L1 (shared, often read data; not
 *        per-user data, which one instance rarely serves twice)
 * @param caches the lifetime (in Redis) of each cache by name; a cache not listed uses {@code default-ttl}
 * @param defaultTtl lifetime of caches not listed
 */
@ConfigurationProperties("fitsocial.cache")
public record CacheSettings(@DefaultValue("true") boolean enabled, @DefaultValue("50ms") Duration redisTimeout,
        @DefaultValue("20000") int nearCacheSize, @DefaultValue("10m") Duration nearCacheTtl,
        @DefaultValue Set<String> nearCaches, @DefaultValue Map<String, Duration> caches,
        @DefaultValue("10m") Duration defaultTtl) {

    /** The lifetime of a cache's entries in Redis (before jitter). */
    public Duration ttlOf(String cache) {
        return caches.getOrDefault(cache, defaultTtl);
    }
}
