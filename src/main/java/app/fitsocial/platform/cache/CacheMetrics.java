package app.fitsocial.platform.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The caches' meters, named as Micrometer's cache instrumentation names them, so the usual
 * Spring Boot cache dashboards and alerts work: {@code cache.gets} (tags {@code cache},
 * {@code result} hit or miss, and {@code level}: where a hit was found, {@code l1} in process or
 * {@code l2} in Redis; a miss is counted once, at {@code l2}), {@code cache.puts},
 * {@code cache.evictions} (L1 entries dropped for size) and {@code cache.size} (L1 entries), plus
 * {@code cache.loads} (timer of loads from PostgreSQL).
 */
class CacheMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    CacheMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void hit(String cache, String level) {
        gets(cache, "hit", level).increment();
    }

    void miss(String cache) {
        gets(cache, "miss", "l2").increment();
    }

    void put(String cache) {
        counters.computeIfAbsent("puts|" + cache, k -> Counter.builder("cache.puts")
                .description("Entries added to the cache").tag("cache", cache).register(registry)).increment();
    }

    void evicted(String cache) {
        counters.computeIfAbsent("evictions|" + cache, k -> Counter.builder("cache.evictions")
                .description("Cache eviction count").tag("cache", cache).tag("level", "l1")
                .register(registry)).increment();
    }

    void loaded(String cache, long nanos) {
        timers.computeIfAbsent(cache, c -> Timer.builder("cache.loads")
                .description("Loads of cached values from the source of truth").tag("cache", c)
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    MeterRegistry registry() {
        return registry;
    }

    private Counter gets(String cache, String result, String level) {
        return counters.computeIfAbsent("gets|" + cache + "|" + result + "|" + level, k -> Counter.builder("cache.gets")
                .description("The number of times cache lookup methods have returned a cached (hit) or uncached (miss) value")
                .tag("cache", cache).tag("result", result).tag("level", level).register(registry));
    }
}
