package app.fitsocial.platform.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import app.fitsocial.platform.redis.RedisCircuitBreaker;

/**
 * The shared (L2) level of every cache, in Redis, on the shared Lettuce connection. Each call
 * waits at most {@code redis-timeout}; failures open a circuit breaker, during which calls return
 * at once as "unavailable" and the caller falls through to the database.
 */
class RedisCacheStore {

    static final String PREFIX = "fitsocial:v1:cache:";
    static final String INDEX_PREFIX = "fitsocial:v1:cache-index:";

    /** Replaces the key only if it still holds what the writer read (or nothing, if it read nothing). */
    private static final String COMPARE_AND_SET = """
            local current = redis.call('GET', KEYS[1])
            if ARGV[1] == '' then
              if current then return 0 end
            elseif not current or string.sub(current, 1, string.len(ARGV[1])) ~= ARGV[1] then
              return 0
            end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1""";

    private static final Logger log = LoggerFactory.getLogger(RedisCacheStore.class);

    private final StringRedisTemplate redis;
    private final Duration timeout;
    private final CircuitBreaker breaker;

    RedisCacheStore(StringRedisTemplate redis, Duration timeout) {
        this.redis = redis;
        this.timeout = timeout;
        this.breaker = RedisCircuitBreaker.create("cache-redis", Duration.ofSeconds(2), DataAccessException.class);
    }

    /** The result of a read: what the key holds ({@code null} if nothing), or that Redis did not answer. */
    record Read(boolean available, byte @Nullable [] value) {

        static final Read UNAVAILABLE = new Read(false, null);
    }

    Read get(String key) {
        Read read = guarded(() -> onShared(commands -> new Read(true, await(commands.get(bytes(key))))));
        return read == null ? Read.UNAVAILABLE : read;
    }

    /** Several keys at once (one GET each, sent together); {@code null} when Redis did not answer. */
    @Nullable List<byte @Nullable []> getAll(List<String> keys) {
        return guarded(() -> onShared(commands -> {
            List<RedisFuture<byte[]>> sent = new ArrayList<>(keys.size());
            for (String key : keys) {
                sent.add(commands.get(bytes(key)));
            }
            List<byte @Nullable []> values = new ArrayList<>(keys.size());
            for (RedisFuture<byte[]> future : sent) {
                values.add(await(future));
            }
            return values;
        }));
    }

    /** A write for {@link #compareAndSetAll}. */
    record Write(String key, @Nullable String indexKey, byte @Nullable [] expected, byte[] entry, long ttlMillis) {
    }

    /** Several compare-and-sets sent together; the result tells which were written. */
    List<Boolean> compareAndSetAll(List<Write> writes) {
        List<Boolean> written = guarded(() -> onShared(commands -> {
            List<RedisFuture<Long>> sent = new ArrayList<>(writes.size());
            List<RedisFuture<?>> indexes = new ArrayList<>();
            for (Write write : writes) {
                sent.add(commands.eval(COMPARE_AND_SET, ScriptOutputType.INTEGER, new byte[][] {bytes(write.key())},
                        write.expected() == null ? new byte[0] : write.expected(), write.entry(),
                        bytes(Long.toString(write.ttlMillis()))));
                if (write.indexKey() != null) {
                    indexes.add(commands.sadd(bytes(write.indexKey()), bytes(write.key())));
                    indexes.add(commands.pexpire(bytes(write.indexKey()), write.ttlMillis()));
                }
            }
            List<Boolean> results = new ArrayList<>(writes.size());
            for (RedisFuture<Long> future : sent) {
                results.add(await(future) == 1L);
            }
            indexes.forEach(this::await);
            return results;
        }));
        return written != null ? written : java.util.Collections.nCopies(writes.size(), Boolean.FALSE);
    }

    /**
     * Writes an entry if the key still holds {@code expected} (the identity of what was read, or
     * {@code null} if it was empty), and records the key in its namespace index. False if the key
     * changed meanwhile (an invalidation won) or Redis did not answer.
     */
    boolean compareAndSet(String key, @Nullable String indexKey, byte @Nullable [] expected, byte[] entry, long ttlMillis) {
        Boolean written = guarded(() -> onShared(commands -> {
            List<RedisFuture<?>> sent = new ArrayList<>();
            RedisFuture<Long> set = commands.eval(COMPARE_AND_SET, ScriptOutputType.INTEGER, new byte[][] {bytes(key)},
                    expected == null ? new byte[0] : expected, entry, bytes(Long.toString(ttlMillis)));
            if (indexKey != null) {
                sent.add(commands.sadd(bytes(indexKey), bytes(key)));
                sent.add(commands.pexpire(bytes(indexKey), ttlMillis));
            }
            boolean done = await(set) == 1L;
            sent.forEach(this::await);
            return done;
        }));
        return Boolean.TRUE.equals(written);
    }

    /** Overwrites the keys with tombstones (so loads that started before cannot write back). */
    boolean tombstone(List<String> keys, long ttlMillis) {
        Boolean done = guarded(() -> onShared(commands -> {
            List<RedisFuture<String>> sent = new ArrayList<>(keys.size());
            for (String key : keys) {
                byte[] tombstone = CacheEntry.tombstone(CacheNonce.next()).encode();
                sent.add(commands.psetex(bytes(key), ttlMillis, tombstone));
            }
            sent.forEach(this::await);
            return Boolean.TRUE;
        }));
        return Boolean.TRUE.equals(done);
    }

    /** The keys recorded in a namespace index, and the index removed. */
    @Nullable List<String> drainIndex(String indexKey) {
        return guarded(() -> onShared(commands -> {
            RedisFuture<Set<byte[]>> members = commands.smembers(bytes(indexKey));
            RedisFuture<Long> removed = commands.del(bytes(indexKey));
            List<String> keys = await(members).stream().map(k -> new String(k, StandardCharsets.UTF_8)).toList();
            await(removed);
            return keys;
        }));
    }

    boolean publish(String channel, String message) {
        Boolean done = guarded(() -> onShared(commands -> {
            await(commands.publish(bytes(channel), bytes(message)));
            return Boolean.TRUE;
        }));
        return Boolean.TRUE.equals(done);
    }

    private <T> @Nullable T guarded(Supplier<T> call) {
        try {
            return breaker.executeSupplier(call);
        }
        catch (CallNotPermittedException ex) {
            return null;
        }
        catch (DataAccessException ex) {
            log.debug("Cache unavailable: {}", ex.getMessage());
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T onShared(Function<RedisClusterAsyncCommands<byte[], byte[]>, T> call) {
        return redis.execute((RedisCallback<T>) connection ->
                call.apply((RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection()));
    }

    private <T> T await(RedisFuture<T> future) {
        return awaitFor(future, timeout);
    }

    private static <T> T awaitFor(RedisFuture<T> future, Duration timeout) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new RedisSystemException("Interrupted waiting for Redis", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new RedisSystemException("Cache command failed: " + ex, ex);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
