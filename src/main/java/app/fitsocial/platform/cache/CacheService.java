package app.fitsocial.platform.cache;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.dataformat.smile.SmileMapper;
import org.springframework.modulith.NamedInterface;

import app.fitsocial.platform.persistence.PrimaryReads;
import app.fitsocial.platform.versions.Version;
import app.fitsocial.platform.versions.Versioned;
import app.fitsocial.platform.versions.Versions;

/**
 * Two-level cache-aside for the expensive reads: an in-process Caffeine L1 (for the caches that
 * opt in) in front of Redis (L2), shared by every instance. Every entry holds the version of what
 * it shows ({@link Versions}) and is used only while that version is still the current one:
 * a lookup reads the current version and the entry in one round trip (L1 needs only the version),
 * so a write is visible to the next read on any instance as soon as its version is raised.
 * Nothing is ever invalidated, overwritten with tombstones or announced to other instances.
 *
 * <ul>
 * <li>{@link #get} and {@link #getAll}: entries of one row-backed resource each ({@code class:7});
 * the loader answers the value with its row version.</li>
 * <li>{@link #getInCollection}: an entry computed from a collection ({@code classes:provider:3}),
 * stamped with the collection's version read before the load.</li>
 * <li>Loads read the primary database, so an entry is never older than the version it claims;
 * a load that finds a version Redis lost (expired, restarted) records it again.</li>
 * <li>One load per key and instance at a time: concurrent misses of a key wait for the same load.</li>
 * <li>Lifetimes come from {@code fitsocial.cache.caches.<name>} with ±10 % jitter; they only bound
 * memory, not staleness.</li>
 * <li>Redis down, slower than {@code redis-timeout}, or versions unknown: reads load from the
 * database and store nothing; nothing fails.</li>
 * </ul>
 *
 * Values are encoded with Jackson Smile against the type given, so records come back as records.
 */
@NamedInterface("cache")
public class CacheService {

    private final CacheSettings settings;
    private final RedisCacheStore store;
    private final NearCache near;
    private final CacheMetrics metrics;
    private final Versions versions;
    private final SmileMapper codec = SmileMapper.builder().build();
    private final Map<String, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();

    CacheService(CacheSettings settings, RedisCacheStore store, NearCache near, CacheMetrics metrics, Versions versions) {
        this.settings = settings;
        this.store = store;
        this.near = near;
        this.metrics = metrics;
        this.versions = versions;
    }

    /**
     * The value of one row-backed resource: from the cache while {@code resource} is at the
     * version the entry was read at, else loaded (from the primary) and cached.
     *
     * @param cache the cache's name (its lifetime and L1 setting)
     * @param key the entry's key within the cache
     * @param resource the resource the entry shows, e.g. {@code class:7}
     * @param type the value's type (generic types keep their parameters)
     * @param load reads the value and its row version; {@code null} when it does not exist (not cached)
     * @return the value at a version at least as new as the current one, or {@code null}
     */
    public <T> @Nullable Versioned<T> get(String cache, String key, String resource, Type type,
            Supplier<@Nullable Versioned<T>> load) {
        Map<String, Versioned<T>> found = getAll(cache, List.of(key), k -> resource, type, missing -> {
            Versioned<T> loaded = load.get();
            return loaded == null ? Map.of() : Map.of(key, loaded);
        });
        return found.get(key);
    }

    /**
     * The values of many row-backed resources: the versions of all and the entries L1 does not
     * have are read in one round trip, and what is missing or out of date is loaded in one call.
     *
     * @param keys the entries' keys
     * @param resourceOf the resource each key shows
     * @param load reads the values of the given keys with their row versions; keys it does not
     *        answer do not exist
     * @return the values found, by key, in the order of {@code keys}
     */
    public <T> Map<String, Versioned<T>> getAll(String cache, List<String> keys, Function<String, String> resourceOf,
            Type type, Function<List<String>, Map<String, Versioned<T>>> load) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        if (!settings.enabled()) {
            return load.apply(keys);
        }
        Lookup<T> lookup = lookup(cache, keys, resourceOf, type);
        if (lookup.current() == null) {
            // versions unknown: nothing cached can be trusted, and nothing loaded may be stored
            return load.apply(keys);
        }
        Map<String, Versioned<T>> found = new HashMap<>(lookup.hits());
        if (!lookup.missing().isEmpty()) {
            Map<String, Versioned<T>> loaded = loadOnce(cache, lookup.missing(), load);
            loaded.forEach((key, value) -> {
                String resource = resourceOf.apply(key);
                Version known = lookup.current().get(resource);
                if (known == null || known.number() < value.version()) {
                    // Redis lost it, or the writer's raise is still on its way: the data says what it is
                    versions.observed(resource, value.version());
                }
            });
            remember(cache, loaded);
            found.putAll(loaded);
        }
        if (keys.size() == 1) {
            return found;
        }
        Map<String, Versioned<T>> ordered = new LinkedHashMap<>();
        for (String key : keys) {
            Versioned<T> value = found.get(key);
            if (value != null) {
                ordered.put(key, value);
            }
        }
        return ordered;
    }

    /**
     * A value computed from a collection (a listing's ids, a ranking): from the cache while the
     * collection keeps the version it had before the value was loaded, else loaded (from the
     * primary) and cached.
     *
     * @param collection what the value is computed from, e.g. {@code classes:provider:3}
     */
    public <T> T getInCollection(String cache, String key, String collection, Type type, Supplier<T> load) {
        return getAllInCollections(cache, List.of(key), k -> collection, type,
                keys -> Map.of(key, load.get())).get(key);
    }

    /**
     * The values of many keys, each computed from its own collection: the collections' versions
     * and the entries L1 does not have are read in one round trip, and what is missing or out of
     * date is loaded in one call (stamped with the versions read before it).
     *
     * @param load computes the values of the given keys; it must answer every key
     */
    public <T> Map<String, T> getAllInCollections(String cache, List<String> keys, Function<String, String> collectionOf,
            Type type, Function<List<String>, Map<String, T>> load) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        if (!settings.enabled()) {
            return load.apply(keys);
        }
        Lookup<T> lookup = lookup(cache, keys, collectionOf, type);
        if (lookup.current() == null) {
            return load.apply(keys);
        }
        Map<String, T> found = new HashMap<>();
        lookup.hits().forEach((key, value) -> found.put(key, value.value()));
        if (lookup.missing().isEmpty()) {
            return found;
        }
        Map<String, Long> stamps = new HashMap<>();
        for (String key : lookup.missing()) {
            String collection = collectionOf.apply(key);
            Version version = lookup.current().get(collection);
            OptionalLong stamp = version != null ? OptionalLong.of(version.number()) : versions.initialize(collection);
            if (stamp.isEmpty()) {
                return load.apply(keys);
            }
            stamps.put(key, stamp.getAsLong());
        }
        Map<String, Versioned<T>> loaded = loadOnce(cache, lookup.missing(), want -> {
            Map<String, Versioned<T>> stamped = new HashMap<>();
            load.apply(want).forEach((key, value) -> stamped.put(key, new Versioned<>(value, stamps.get(key))));
            return stamped;
        });
        remember(cache, loaded);
        loaded.forEach((key, value) -> found.put(key, value.value()));
        return found;
    }

    /**
     * What the two levels hold for some keys: the current versions ({@code null}: unknown), the
     * entries held at their key's current version, and the keys without one.
     */
    private record Lookup<T>(@Nullable Map<String, Version> current, Map<String, Versioned<T>> hits,
            List<String> missing) {
    }

    /**
     * Reads the versions and the entries L1 does not have, sent together and then awaited (one
     * round trip), and keeps the entries that hold the current version (an L2 one goes to L1).
     */
    @SuppressWarnings("unchecked")
    private <T> Lookup<T> lookup(String cache, List<String> keys, Function<String, String> versionOf, Type type) {
        List<String> names = keys.stream().map(versionOf).toList();
        Versions.Reading reading = versions.read(names);
        List<String> remote = new ArrayList<>();
        Map<String, Integer> remoteIndex = new HashMap<>();
        Map<String, NearCache.Entry> local = new HashMap<>();
        for (String key : keys) {
            NearCache.Entry entry = near.get(cache, key);
            if (entry != null) {
                local.put(key, entry);
            }
            else {
                remoteIndex.put(key, remote.size());
                remote.add(key);
            }
        }
        CompletableFuture<@Nullable List<RedisCacheStore.@Nullable Stored>> stored = store.read(
                remote.stream().map(key -> RedisCacheStore.key(cache, key)).toList());
        Map<String, Version> current = reading.await();
        List<RedisCacheStore.@Nullable Stored> entries = stored.join();
        if (current == null) {
            return new Lookup<>(null, Map.of(), keys);
        }
        JavaType javaType = codec.getTypeFactory().constructType(type);
        Map<String, Versioned<T>> hits = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            Version version = current.get(names.get(i));
            NearCache.Entry inL1 = local.get(key);
            Integer position = remoteIndex.get(key);
            RedisCacheStore.Stored inL2 = position == null || entries == null ? null : entries.get(position);
            if (version != null && inL1 != null && inL1.stamp() == version.number()) {
                metrics.hit(cache, "l1");
                hits.put(key, new Versioned<>((T) inL1.value(), inL1.stamp()));
            }
            else if (version != null && inL2 != null && inL2.stamp() == version.number()) {
                T value = codec.readValue(inL2.payload(), javaType);
                metrics.hit(cache, "l2");
                near.put(cache, key, new NearCache.Entry(inL2.stamp(), value));
                hits.put(key, new Versioned<>(value, inL2.stamp()));
            }
            else {
                metrics.miss(cache);
                missing.add(key);
            }
        }
        return new Lookup<>(current, hits, missing);
    }

    /** Keeps loaded values in both levels, each under the version it was read at. */
    private <T> void remember(String cache, Map<String, Versioned<T>> loaded) {
        List<RedisCacheStore.Write> writes = new ArrayList<>(loaded.size());
        long ttl = jittered(cache);
        loaded.forEach((key, value) -> {
            near.put(cache, key, new NearCache.Entry(value.version(), value.value()));
            writes.add(new RedisCacheStore.Write(RedisCacheStore.key(cache, key),
                    new RedisCacheStore.Stored(value.version(), codec.writeValueAsBytes(value.value())), ttl));
            metrics.put(cache);
        });
        store.write(writes);
    }

    /**
     * Loads from the primary, once per instance for a single key at a time (concurrent misses of
     * it wait for the same load); batches of keys are loaded as they are.
     */
    @SuppressWarnings("unchecked")
    private <T> Map<String, Versioned<T>> loadOnce(String cache, List<String> keys,
            Function<List<String>, Map<String, Versioned<T>>> load) {
        if (keys.size() > 1) {
            return timed(cache, () -> PrimaryReads.call(() -> load.apply(keys)));
        }
        String flight = cache + ':' + keys.get(0);
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = inFlight.putIfAbsent(flight, mine);
        if (running != null) {
            try {
                return (Map<String, Versioned<T>>) running.join();
            }
            catch (CompletionException ex) {
                if (ex.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw ex;
            }
        }
        try {
            Map<String, Versioned<T>> loaded = timed(cache, () -> PrimaryReads.call(() -> load.apply(keys)));
            mine.complete(loaded);
            return loaded;
        }
        catch (RuntimeException | Error ex) {
            mine.completeExceptionally(ex);
            throw ex;
        }
        finally {
            inFlight.remove(flight, mine);
        }
    }

    private <T> T timed(String cache, Supplier<T> load) {
        long start = System.nanoTime();
        try {
            return load.get();
        }
        finally {
            metrics.loaded(cache, System.nanoTime() - start);
        }
    }

    private long jittered(String cache) {
        double factor = 0.9 + ThreadLocalRandom.current().nextDouble() * 0.2;
        return Math.max(1, (long) (settings.ttlOf(cache).toMillis() * factor));
    }
}
