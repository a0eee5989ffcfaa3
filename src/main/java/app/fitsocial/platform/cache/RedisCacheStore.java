package app.fitsocial.platform.cache;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import app.fitsocial.platform.redis.RedisCircuitBreaker;
import app.fitsocial.platform.redis.SharedRedis;

import static app.fitsocial.platform.redis.SharedRedis.bytes;

/**
 * The shared (L2) level of every cache, in Redis: {@code fitsocial:v2:cache:<cache>:<key>} holds
 * the version the value was read at (8 bytes) and the Smile-encoded value, and expires with the
 * cache's lifetime. Reads are sent without waiting, so they travel with the version reads of the
 * same lookup. Failures open a circuit breaker, during which reads answer "unavailable" at once
 * and the caller loads from the database.
 */
class RedisCacheStore {

    static final String PREFIX = "fitsocial:v2:cache:";

    private static final Logger log = LoggerFactory.getLogger(RedisCacheStore.class);

    private final SharedRedis redis;
    private final Duration timeout;
    private final CircuitBreaker breaker;

    RedisCacheStore(SharedRedis redis, Duration timeout) {
        this.redis = redis;
        this.timeout = timeout;
        this.breaker = RedisCircuitBreaker.create("cache-redis", Duration.ofSeconds(2), DataAccessException.class,
                java.util.concurrent.CompletionException.class, java.util.concurrent.TimeoutException.class);
    }

    /** A stored entry: the version it stands for and the encoded value. */
    record Stored(long stamp, byte[] payload) {

        static @Nullable Stored decode(byte @Nullable [] bytes) {
            if (bytes == null || bytes.length < Long.BYTES) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long stamp = buffer.getLong();
            byte[] payload = new byte[buffer.remaining()];
            buffer.get(payload);
            return new Stored(stamp, payload);
        }

        byte[] encode() {
            return ByteBuffer.allocate(Long.BYTES + payload.length).putLong(stamp).put(payload).array();
        }
    }

    /**
     * Sends a read of the keys (one {@code MGET}) without waiting; the future answers the entries
     * in key order ({@code null} where there is none), or {@code null} when Redis cannot answer.
     */
    CompletableFuture<@Nullable List<@Nullable Stored>> read(List<String> keys) {
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (!breaker.tryAcquirePermission()) {
            return CompletableFuture.completedFuture(null);
        }
        long start = System.nanoTime();
        CompletableFuture<List<KeyValue<byte[], byte[]>>> sent;
        try {
            byte[][] encoded = keys.stream().map(SharedRedis::bytes).toArray(byte[][]::new);
            sent = redis.run(commands -> commands.mget(encoded).toCompletableFuture());
        }
        catch (DataAccessException ex) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, ex);
            return CompletableFuture.completedFuture(null);
        }
        return sent.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).handle((values, failure) -> {
            long took = System.nanoTime() - start;
            if (failure != null) {
                breaker.onError(took, TimeUnit.NANOSECONDS, failure);
                log.debug("Cache unavailable: {}", failure.toString());
                return null;
            }
            breaker.onSuccess(took, TimeUnit.NANOSECONDS);
            List<@Nullable Stored> entries = new ArrayList<>(values.size());
            for (KeyValue<byte[], byte[]> value : values) {
                entries.add(value.hasValue() ? Stored.decode(value.getValue()) : null);
            }
            return entries;
        });
    }

    /** A write for {@link #write}. */
    record Write(String key, Stored entry, long ttlMillis) {
    }

    /** Stores entries without waiting for Redis to confirm (a lost write only costs a later miss). */
    void write(List<Write> writes) {
        if (writes.isEmpty() || !breaker.tryAcquirePermission()) {
            return;
        }
        long start = System.nanoTime();
        try {
            redis.run(commands -> {
                for (Write write : writes) {
                    commands.set(bytes(write.key()), write.entry().encode(), SetArgs.Builder.px(write.ttlMillis()));
                }
                return null;
            });
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
        catch (DataAccessException | CallNotPermittedException ex) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, ex);
        }
    }

    static String key(String cache, String key) {
        return PREFIX + cache + ":" + key;
    }
}
