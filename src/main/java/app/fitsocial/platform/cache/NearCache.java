package app.fitsocial.platform.cache;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import org.jspecify.annotations.Nullable;

/**
 * The in-process (L1) level: decoded values in a bounded Caffeine cache, for the caches that
 * opted in. Each cache has an invalidation sequence: a value read or loaded while an
 * invalidation of that cache arrived is not kept, so a message overtaking a load cannot leave a
 * stale value behind. Keys of a namespace ({@code namespace:rest}) are indexed, so dropping a
 * namespace touches its own entries only, not the whole cache.
 */
class NearCache {

    /** A decoded value with what early recomputation needs. */
    record Entry(Object value, long expiresAt, long loadMillis, Set<String> dependencies) {
    }

    private final Cache<String, Entry> entries;
    private final Set<String> enabledCaches;
    private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();
    /** The keys held per {@code cache\0namespace}. */
    private final Map<String, Set<String>> namespaces = new ConcurrentHashMap<>();

    NearCache(int maximumSize, Duration ttl, Set<String> enabledCaches, CacheMetrics metrics) {
        this.enabledCaches = Set.copyOf(enabledCaches);
        this.entries = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(ttl)
                .removalListener((String key, Entry entry, RemovalCause cause) -> {
                    if (key != null && cause.wasEvicted()) {
                        metrics.evicted(cacheOf(key), "l1");
                    }
                    if (key != null && cause != RemovalCause.REPLACED) {
                        unindex(key);
                    }
                })
                .build();
    }

    boolean enabledFor(String cache) {
        return enabledCaches.contains(cache);
    }

    long sequence(String cache) {
        return sequences.computeIfAbsent(cache, c -> new AtomicLong()).get();
    }

    @Nullable Entry get(String cache, String key) {
        return enabledFor(cache) ? entries.getIfPresent(cache + '\u0000' + key) : null;
    }

    /** Keeps a value unless an invalidation of its cache arrived since {@code sequence} was read. */
    void put(String cache, String key, Entry entry, long sequence) {
        if (enabledFor(cache) && sequence(cache) == sequence) {
            String fullKey = cache + '\u0000' + key;
            entries.put(fullKey, entry);
            String namespace = namespaceOf(fullKey);
            if (namespace != null) {
                namespaces.computeIfAbsent(namespace, n -> ConcurrentHashMap.newKeySet()).add(fullKey);
            }
        }
    }

    void evict(String cache, String key) {
        sequences.computeIfAbsent(cache, c -> new AtomicLong()).incrementAndGet();
        entries.invalidate(cache + '\u0000' + key);
    }

    void evictNamespace(String cache, String namespace) {
        sequences.computeIfAbsent(cache, c -> new AtomicLong()).incrementAndGet();
        if (namespace.indexOf(':') >= 0) {
            String prefix = cache + '\u0000' + namespace + ':';
            entries.asMap().keySet().removeIf(key -> key.startsWith(prefix));
            return;
        }
        Set<String> keys = namespaces.remove(cache + '\u0000' + namespace);
        if (keys != null) {
            entries.invalidateAll(keys);
        }
    }

    /** {@code cache\0namespace} of a full key whose key part has a namespace, else null. */
    private static @Nullable String namespaceOf(String fullKey) {
        int colon = fullKey.indexOf(':', fullKey.indexOf('\u0000') + 1);
        return colon < 0 ? null : fullKey.substring(0, colon);
    }

    private void unindex(String fullKey) {
        String namespace = namespaceOf(fullKey);
        if (namespace != null) {
            namespaces.computeIfPresent(namespace, (n, keys) -> {
                keys.remove(fullKey);
                return keys.isEmpty() ? null : keys;
            });
        }
    }

    void clear() {
        sequences.values().forEach(AtomicLong::incrementAndGet);
        entries.invalidateAll();
        namespaces.clear();
    }

    private static String cacheOf(String key) {
        int separator = key.indexOf('\u0000');
        return separator < 0 ? key : key.substring(0, separator);
    }
}
