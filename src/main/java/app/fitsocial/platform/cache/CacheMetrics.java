package app.fitsocial.platform.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Micrometer meters of the caches, tagged by {@code cache} and {@code level} ({@code l1}, {@code l2}):
 * {@code fitsocial.cache.requests} (tag {@code result} hit or miss), {@code fitsocial.cache.loads}
 * (timer of loader calls), {@code fitsocial.cache.evictions} and {@code fitsocial.cache.invalidations}.
 */
class CacheMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    CacheMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void hit(String cache, String level) {
        counter("fitsocial.cache.requests", cache, level, "hit").increment();
    }

    void miss(String cache, String level) {
        counter("fitsocial.cache.requests", cache, level, "miss").increment();
    }

    void loaded(String cache, long nanos) {
        timers.computeIfAbsent(cache, c -> Timer.builder("fitsocial.cache.loads")
                .description("Loads of cached values from the source of truth")
                .tag("cache", c)
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    void evicted(String cache, String level) {
        counters.computeIfAbsent("evictions|" + cache + "|" + level, k -> Counter.builder("fitsocial.cache.evictions")
                .description("Entries dropped for size").tag("cache", cache).tag("level", level)
                .register(registry)).increment();
    }

    void invalidated(String cache) {
        counters.computeIfAbsent("invalidations|" + cache, k -> Counter.builder("fitsocial.cache.invalidations")
                .description("Invalidations of keys or namespaces").tag("cache", cache)
                .register(registry)).increment();
    }

    private Counter counter(String name, String cache, String level, String result) {
        return counters.computeIfAbsent(name + "|" + cache + "|" + level + "|" + result, k -> Counter.builder(name)
                .description("Cache lookups by level and result").tag("cache", cache).tag("level", level)
                .tag("result", result).register(registry));
    }
}
