package app.fitsocial.platform.cache;

import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JavaType;
import tools.jackson.dataformat.smile.SmileMapper;

import app.fitsocial.platform.changes.DataVersions;
import app.fitsocial.platform.changes.ReadDependencies;

/**
 * Two-level cache-aside for the expensive reads: an in-process Caffeine L1 (for the caches that
 * opt in) in front of Redis (L2), shared by every instance.
 *
 * <ul>
 * <li>{@link #getOrLoad} returns the cached value or loads it, once per key and instance at a time
 * (concurrent callers wait for the same load); an entry close to expiry is recomputed early by one
 * caller chosen at random (XFetch), so a hot key does not expire under every instance at once.</li>
 * <li>Lifetimes come from {@code fitsocial.cache.caches.<name>} with ±10 % jitter.</li>
 * <li>{@link #invalidate} and {@link #invalidateNamespace} act after the current transaction
 * commits (at once outside one), before the writer's response: they leave tombstones in Redis,
 * so a load that read the old data cannot write it back, and tell every instance to drop its L1
 * entries.</li>
 * <li>Keys are {@code namespace:rest}; a namespace (all pages of one user's feed, all listings)
 * is invalidated through an index set, never {@code KEYS}.</li>
 * <li>Redis down or slower than {@code redis-timeout}: reads fall through to the loader, nothing fails.</li>
 * </ul>
 *
 * Values are encoded with Jackson Smile against the type given, so records come back as records.
 * Every read records {@code cache:<name>} as a {@link ReadDependencies data dependency} and every
 * invalidation raises it; an entry also keeps the tables its load read and a hit reports them
 * again. HTTP validators of responses built from a cache thus expire with the cache and with the
 * data under it, even where the cache itself may lag (data changed by others, within the TTL).
 */
public class CacheService {

    private static final double EARLY_RECOMPUTE_BETA = 1.0;
    private static final long TOMBSTONE_MILLIS = 60_000;

    private final CacheSettings settings;
    private final RedisCacheStore store;
    private final NearCache near;
    private final CacheInvalidationBus bus;
    private final CacheMetrics metrics;
    private final DataVersions versions;
    private final Clock clock;
    private final SmileMapper codec = SmileMapper.builder().build();
    private final Map<String, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();

    CacheService(CacheSettings settings, RedisCacheStore store, NearCache near, CacheInvalidationBus bus,
            CacheMetrics metrics, DataVersions versions, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.near = near;
        this.bus = bus;
        this.metrics = metrics;
        this.versions = versions;
        this.clock = clock;
    }

    /** The cached value of {@code key}, loaded (and cached for the cache's lifetime) when absent. */
    public <T> T getOrLoad(String cache, String key, Type type, Supplier<T> loader) {
        return getOrLoad(cache, key, settings.ttlOf(cache), type, loader);
    }

    /** The cached value of {@code key}, loaded (and cached for {@code ttl}) when absent. */
    @SuppressWarnings("unchecked")
    public <T> T getOrLoad(String cache, String key, Duration ttl, Type type, Supplier<T> loader) {
        if (!settings.enabled()) {
            return loader.get();
        }
        ReadDependencies.record(topic(cache));
        long sequence = near.sequence(cache);
        NearCache.Entry local = bus.nearCacheUsable() ? near.get(cache, key) : null;
        if (local != null && !expiresEarly(local.expiresAt(), local.loadMillis())) {
            metrics.hit(cache, "l1");
            ReadDependencies.recordAll(local.dependencies());
            return (T) local.value();
        }
        if (near.enabledFor(cache)) {
            metrics.miss(cache, "l1");
        }
        String redisKey = redisKey(cache, key);
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = inFlight.putIfAbsent(redisKey, mine);
        if (running != null) {
            try {
                return (T) running.join();
            }
            catch (java.util.concurrent.CompletionException ex) {
                if (ex.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw ex;
            }
        }
        try {
            T value = readThrough(cache, key, redisKey, ttl, codec.getTypeFactory().constructType(type), loader, sequence);
            mine.complete(value);
            return value;
        }
        catch (RuntimeException | Error ex) {
            mine.completeExceptionally(ex);
            throw ex;
        }
        finally {
            inFlight.remove(redisKey, mine);
        }
    }

    /**
     * The cached values of several keys, the missing ones loaded together by {@code loader}
     * (which returns what it found, keyed like its argument) and cached. For pages of entities:
     * one round trip to Redis for the keys L1 does not have, one load for the rest.
     */
    @SuppressWarnings("unchecked")
    public <T> Map<String, T> getAll(String cache, List<String> keys, Type type,
            java.util.function.Function<List<String>, Map<String, T>> loader) {
        if (!settings.enabled()) {
            return loader.apply(keys);
        }
        ReadDependencies.record(topic(cache));
        long sequence = near.sequence(cache);
        Map<String, T> found = new java.util.HashMap<>();
        List<String> remote = new java.util.ArrayList<>();
        boolean useNear = bus.nearCacheUsable();
        for (String key : keys) {
            NearCache.Entry local = useNear ? near.get(cache, key) : null;
            if (local != null) {
                found.put(key, (T) local.value());
                metrics.hit(cache, "l1");
                ReadDependencies.recordAll(local.dependencies());
            }
            else {
                if (near.enabledFor(cache)) {
                    metrics.miss(cache, "l1");
                }
                remote.add(key);
            }
        }
        if (remote.isEmpty()) {
            return found;
        }
        JavaType javaType = codec.getTypeFactory().constructType(type);
        List<byte @Nullable []> stored = store.getAll(remote.stream().map(key -> redisKey(cache, key)).toList());
        List<String> missing = new java.util.ArrayList<>();
        Map<String, byte[]> expected = new java.util.HashMap<>();
        for (int i = 0; i < remote.size(); i++) {
            String key = remote.get(i);
            CacheEntry entry = stored == null ? null : CacheEntry.decode(stored.get(i));
            if (entry != null && !entry.isTombstone() && entry.expiresAt() > clock.millis()) {
                T value = decode(entry, javaType);
                found.put(key, value);
                metrics.hit(cache, "l2");
                ReadDependencies.recordAll(entry.dependencyNames());
                near.put(cache, key, new NearCache.Entry(value, entry.expiresAt(), entry.loadMillis(),
                        entry.dependencyNames()), sequence);
            }
            else {
                metrics.miss(cache, "l2");
                missing.add(key);
                if (entry != null) {
                    expected.put(key, entry.identity());
                }
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        long start = System.nanoTime();
        ReadDependencies.Captured<Map<String, T>> load = ReadDependencies.capture(() -> loader.apply(missing));
        Map<String, T> loaded = load.value();
        metrics.loaded(cache, System.nanoTime() - start);
        found.putAll(loaded);
        if (stored == null) {
            return found;
        }
        List<RedisCacheStore.Write> writes = new java.util.ArrayList<>();
        List<NearCache.Entry> entries = new java.util.ArrayList<>();
        List<String> written = new java.util.ArrayList<>();
        long lifetime = jittered(settings.ttlOf(cache));
        long expiresAt = clock.millis() + lifetime;
        loaded.forEach((key, value) -> {
            byte[] entry = new CacheEntry(CacheNonce.next(), expiresAt, 1, value.getClass().getName(),
                    CacheEntry.joined(load.names()), codec.writeValueAsBytes(value)).encode();
            writes.add(new RedisCacheStore.Write(redisKey(cache, key), indexKey(cache, key), expected.get(key), entry,
                    lifetime));
            entries.add(new NearCache.Entry(value, expiresAt, 1, load.names()));
            written.add(key);
        });
        List<Boolean> results = store.compareAndSetAll(writes);
        for (int i = 0; i < written.size(); i++) {
            if (results.get(i)) {
                near.put(cache, written.get(i), entries.get(i), sequence);
            }
        }
        return found;
    }

    /** The cached value of {@code key}, if there is one; never loads. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> get(String cache, String key, Type type) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        ReadDependencies.record(topic(cache));
        NearCache.Entry local = bus.nearCacheUsable() ? near.get(cache, key) : null;
        if (local != null) {
            metrics.hit(cache, "l1");
            ReadDependencies.recordAll(local.dependencies());
            return Optional.of((T) local.value());
        }
        RedisCacheStore.Read read = store.get(redisKey(cache, key));
        CacheEntry entry = CacheEntry.decode(read.value());
        if (entry == null || entry.isTombstone() || entry.expiresAt() <= clock.millis()) {
            metrics.miss(cache, "l2");
            return Optional.empty();
        }
        metrics.hit(cache, "l2");
        ReadDependencies.recordAll(entry.dependencyNames());
        return Optional.of(decode(entry, codec.getTypeFactory().constructType(type)));
    }

    /**
     * For Spring's cache abstraction: a cached value of whatever application type it was stored
     * as (the type travels with the entry), or empty.
     */
    Optional<Object> getAny(String cache, String key) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        ReadDependencies.record(topic(cache));
        NearCache.Entry local = bus.nearCacheUsable() ? near.get(cache, key) : null;
        if (local != null) {
            metrics.hit(cache, "l1");
            ReadDependencies.recordAll(local.dependencies());
            return Optional.of(local.value());
        }
        CacheEntry entry = CacheEntry.decode(store.get(redisKey(cache, key)).value());
        JavaType type = entry == null || entry.isTombstone() ? null : storedType(entry);
        if (type == null || entry.expiresAt() <= clock.millis()) {
            metrics.miss(cache, "l2");
            return Optional.empty();
        }
        metrics.hit(cache, "l2");
        ReadDependencies.recordAll(entry.dependencyNames());
        return Optional.of(decode(entry, type));
    }

    /** For Spring's cache abstraction: {@link #getOrLoad} with the type of whatever the loader returns. */
    @Nullable Object getOrLoadAny(String cache, String key, Supplier<@Nullable Object> loader) {
        return getOrLoad(cache, key, Object.class, loader);
    }

    private @Nullable JavaType storedType(CacheEntry entry) {
        if (!entry.type().startsWith("app.fitsocial.")) {
            return null;
        }
        try {
            return codec.getTypeFactory().constructType(Class.forName(entry.type(), false, getClass().getClassLoader()));
        }
        catch (ClassNotFoundException ex) {
            return null;
        }
    }

    /**
     * Stores a value (replacing any) and drops older copies everywhere. Last writer wins: use it
     * only where writes of the key are serialised (one job); where concurrent transactions change
     * the data, {@link #invalidate} instead, since their after-commit callbacks run in any order.
     */
    public void set(String cache, String key, Object value) {
        if (!settings.enabled()) {
            return;
        }
        afterCommit(() -> {
            long ttl = jittered(settings.ttlOf(cache));
            byte[] entry = new CacheEntry(CacheNonce.next(), clock.millis() + ttl, 0, value.getClass().getName(),
                    "", codec.writeValueAsBytes(value)).encode();
            String redisKey = redisKey(cache, key);
            RedisCacheStore.Read current = store.get(redisKey);
            CacheEntry previous = CacheEntry.decode(current.value());
            store.compareAndSet(redisKey, indexKey(cache, key), previous == null ? null : previous.identity(), entry, ttl);
            bus.keysInvalidated(cache, List.of(key));
            metrics.invalidated(cache);
            versions.raise(List.of(topic(cache)));
        });
    }

    /** Drops one key everywhere, after the current transaction commits. */
    public void invalidate(String cache, String key) {
        invalidateAll(cache, List.of(key));
    }

    /**
     * Drops many keys of a cache everywhere, after the current transaction commits: tombstones
     * sent together, one invalidation message per 500 keys, one version raise. For jobs that
     * change many entries at once.
     */
    public void invalidateAll(String cache, java.util.Collection<String> keys) {
        if (!settings.enabled() || keys.isEmpty()) {
            return;
        }
        List<String> batch = List.copyOf(keys);
        afterCommit(() -> {
            for (int from = 0; from < batch.size(); from += 500) {
                List<String> chunk = batch.subList(from, Math.min(batch.size(), from + 500));
                store.tombstone(chunk.stream().map(key -> redisKey(cache, key)).toList(), TOMBSTONE_MILLIS);
                bus.keysInvalidated(cache, chunk);
            }
            metrics.invalidated(cache);
            versions.raise(List.of(topic(cache)));
        });
    }

    /** Drops every key {@code namespace:...} of a cache everywhere, after the current transaction commits. */
    public void invalidateNamespace(String cache, String namespace) {
        if (!settings.enabled()) {
            return;
        }
        afterCommit(() -> {
            List<String> keys = store.drainIndex(INDEX.formatted(cache, namespace));
            if (keys != null && !keys.isEmpty()) {
                store.tombstone(keys, TOMBSTONE_MILLIS);
            }
            bus.namespaceInvalidated(cache, namespace);
            metrics.invalidated(cache);
            versions.raise(List.of(topic(cache)));
        });
    }

    /** The data-version name raised when an entry of {@code cache} is invalidated. */
    public static String topic(String cache) {
        return "cache:" + cache;
    }

    private static final String INDEX = RedisCacheStore.INDEX_PREFIX + "%s:%s";

    private <T> T readThrough(String cache, String key, String redisKey, Duration ttl, JavaType type,
            Supplier<T> loader, long sequence) {
        RedisCacheStore.Read read = store.get(redisKey);
        CacheEntry found = CacheEntry.decode(read.value());
        JavaType readAs = found == null || found.isTombstone() ? null
                : type.getRawClass() == Object.class ? storedType(found) : type;
        if (readAs != null && !expiresEarly(found.expiresAt(), found.loadMillis())) {
            T value = decode(found, readAs);
            metrics.hit(cache, "l2");
            ReadDependencies.recordAll(found.dependencyNames());
            near.put(cache, key, new NearCache.Entry(value, found.expiresAt(), found.loadMillis(),
                    found.dependencyNames()), sequence);
            return value;
        }
        metrics.miss(cache, "l2");
        long start = System.nanoTime();
        ReadDependencies.Captured<T> load = ReadDependencies.capture(loader);
        T value = load.value();
        long loadNanos = System.nanoTime() - start;
        metrics.loaded(cache, loadNanos);
        if (!read.available() || value == null) {
            return value;
        }
        long lifetime = jittered(ttl);
        long loadMillis = Math.max(1, loadNanos / 1_000_000);
        long expiresAt = clock.millis() + lifetime;
        byte[] entry = new CacheEntry(CacheNonce.next(), expiresAt, loadMillis, value.getClass().getName(),
                CacheEntry.joined(load.names()), codec.writeValueAsBytes(value)).encode();
        boolean stored = store.compareAndSet(redisKey, indexKey(cache, key), found == null ? null : found.identity(),
                entry, lifetime);
        if (stored) {
            near.put(cache, key, new NearCache.Entry(value, expiresAt, loadMillis, load.names()), sequence);
        }
        return value;
    }

    /** XFetch: recompute before expiry with a probability that grows as expiry nears and with the load time. */
    private boolean expiresEarly(long expiresAt, long loadMillis) {
        double random = ThreadLocalRandom.current().nextDouble();
        double head = -loadMillis * EARLY_RECOMPUTE_BETA * Math.log(random == 0 ? Double.MIN_VALUE : random);
        return clock.millis() + head >= expiresAt;
    }

    private <T> T decode(CacheEntry entry, JavaType type) {
        return codec.readValue(entry.payload(), type);
    }

    private static long jittered(Duration ttl) {
        double factor = 0.9 + ThreadLocalRandom.current().nextDouble() * 0.2;
        return Math.max(1, (long) (ttl.toMillis() * factor));
    }

    static String redisKey(String cache, String key) {
        return RedisCacheStore.PREFIX + cache + ":" + key;
    }

    private static @Nullable String indexKey(String cache, String key) {
        int separator = key.indexOf(':');
        return separator < 0 ? null : INDEX.formatted(cache, key.substring(0, separator));
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        }
        else {
            action.run();
        }
    }
}
