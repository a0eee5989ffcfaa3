package app.fitsocial.platform.changes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import app.fitsocial.platform.redis.RedisCircuitBreaker;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Version counters of the data, shared by every instance through one Redis hash: one counter per
 * table (raised after each committed transaction that wrote it) and a global {@code epoch} that
 * invalidates everything at once. Anything derived from the data (HTTP validators, cached
 * representations) records the counters it was computed under and is valid only while they are
 * unchanged.
 *
 * <p>Redis is guarded by a circuit breaker: while it is unreachable reads return no snapshot (so
 * nothing is answered from derived state) and a raise that could not be recorded is replaced, once
 * Redis answers again, by a raise of the epoch, so no stale derivative survives an outage.
 */
public class DataVersions {

    /** The counter raised to invalidate every derivative at once. */
    public static final String EPOCH = "epoch";

    static final String KEY = "fitsocial:v1:data-versions";
    private static final byte[] KEY_BYTES = KEY.getBytes(UTF_8);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(200);

    private static final Logger log = LoggerFactory.getLogger(DataVersions.class);

    private final StringRedisTemplate redis;
    private final CircuitBreaker breaker;
    private final AtomicBoolean epochRaisePending = new AtomicBoolean(true);

    DataVersions(StringRedisTemplate redis) {
        this(redis, Duration.ofSeconds(5));
    }

    DataVersions(StringRedisTemplate redis, Duration retryAfterFailures) {
        this.redis = redis;
        this.breaker = RedisCircuitBreaker.create("data-versions", retryAfterFailures, DataAccessException.class);
    }

    /**
     * The counters as they are now, or {@code null} when Redis cannot tell. Read it before reading
     * the data: a change committed in between then shows as a newer counter, never as an older one.
     */
    public @Nullable Snapshot snapshot() {
        Reading reading = snapshotAndGet(null);
        return reading == null ? null : reading.snapshot();
    }

    /**
     * A {@link #snapshot()} and the value of another key, in one round trip: how derived state
     * stored under {@code key} is read together with the counters that say whether it still holds.
     * The two commands go out together on the shared Lettuce connection (which pipelines them),
     * not through a dedicated pipelining connection.
     */
    public @Nullable Reading snapshotAndGet(@Nullable String key) {
        return snapshotAndGetLater(key).await();
    }

    /**
     * Sends the commands of {@link #snapshotAndGet} and returns at once; {@link PendingReading#await()}
     * waits for the answer. A request sends them first thing and waits only before its first
     * read of data ({@link ReadDependencies#start(Runnable)}), by when they have usually come back.
     */
    public PendingReading snapshotAndGetLater(@Nullable String key) {
        Sent sent = guarded(() -> onSharedConnection(commands -> {
            raisePendingEpoch(commands);
            return new Sent(commands.hgetall(KEY_BYTES), key == null ? null : commands.get(bytes(key)));
        }));
        return new PendingReading(sent);
    }

    private record Sent(RedisFuture<Map<byte[], byte[]>> counters, @Nullable RedisFuture<byte[]> value) {
    }

    /** The answer to {@link #snapshotAndGetLater}: awaited once, then remembered. */
    public final class PendingReading {

        private @Nullable Sent sent;
        private @Nullable Reading reading;

        private PendingReading(@Nullable Sent sent) {
            this.sent = sent;
        }

        /** The reading, or {@code null} when Redis could not answer. */
        public @Nullable Reading await() {
            Sent waiting = sent;
            if (waiting != null) {
                sent = null;
                reading = guarded(() -> {
                    Map<String, Long> parsed = new HashMap<>();
                    DataVersions.await(waiting.counters()).forEach((name, number) ->
                            parsed.put(new String(name, UTF_8), Long.parseLong(new String(number, UTF_8))));
                    byte[] stored = waiting.value() == null ? null : DataVersions.await(waiting.value());
                    return new Reading(new Snapshot(Map.copyOf(parsed)), stored == null ? null : new String(stored, UTF_8));
                });
            }
            return reading;
        }
    }

    /** Sets a key with an expiry without waiting for Redis to confirm (a lost write only costs a later miss). */
    public void setInBackground(String key, String value, Duration ttl) {
        guarded(() -> onSharedConnection(commands -> {
            commands.setex(bytes(key), Math.max(1, ttl.toSeconds()), bytes(value));
            return Boolean.TRUE;
        }));
    }

    /**
     * The counters and the value stored under a key, read together.
     *
     * @param snapshot the counters
     * @param value the key's value, {@code null} when absent
     */
    public record Reading(Snapshot snapshot, @Nullable String value) {
    }

    /** Raises the counters of the named tables (or other data names); call it after the change is committed. */
    public void raise(Collection<String> names) {
        if (names.isEmpty()) {
            return;
        }
        Boolean done = guarded(() -> onSharedConnection(commands -> {
            raisePendingEpoch(commands);
            List<RedisFuture<Long>> raised = new ArrayList<>(names.size());
            for (String name : names) {
                raised.add(commands.hincrby(KEY_BYTES, bytes(name), 1));
            }
            raised.forEach(DataVersions::await);
            return Boolean.TRUE;
        }));
        if (done == null) {
            epochRaisePending.set(true);
        }
    }

    /**
     * Runs a Redis call under the circuit breaker; {@code null} when Redis failed or is known to
     * be down. Shared by the stores that keep derivatives next to these counters.
     */
    public <T> @Nullable T guarded(Supplier<T> call) {
        try {
            return breaker.executeSupplier(call);
        }
        catch (CallNotPermittedException ex) {
            return null;
        }
        catch (DataAccessException ex) {
            log.warn("Redis unavailable for data versions: {}", ex.getMessage());
            epochRaisePending.set(true);
            return null;
        }
    }

    private void raisePendingEpoch(RedisClusterAsyncCommands<byte[], byte[]> commands) {
        if (epochRaisePending.get()) {
            await(commands.hincrby(KEY_BYTES, bytes(EPOCH), 1));
            epochRaisePending.set(false);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T onSharedConnection(Function<RedisClusterAsyncCommands<byte[], byte[]>, T> call) {
        return redis.execute((RedisCallback<T>) connection ->
                call.apply((RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection()));
    }

    private static <T> T await(RedisFuture<T> future) {
        try {
            return future.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new RedisSystemException("Interrupted waiting for Redis", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new RedisSystemException("Redis command failed: " + ex.getMessage(), ex);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    /**
     * Counter values at one moment. A name that was never raised counts as zero.
     *
     * @param counters the counters by name
     */
    public record Snapshot(Map<String, Long> counters) {

        public long of(String name) {
            return counters.getOrDefault(name, 0L);
        }

        /** The given counters, plus the epoch, in a compact form to store beside a derivative. */
        public String stamp(Collection<String> names) {
            StringBuilder stamp = new StringBuilder().append(EPOCH).append('=').append(of(EPOCH));
            names.stream().sorted().forEach(name -> stamp.append(',').append(name).append('=').append(of(name)));
            return stamp.toString();
        }

        /** Whether a stamp made by {@link #stamp} still holds: none of its counters has moved. */
        public boolean matches(String stamp) {
            for (String entry : stamp.split(",")) {
                int equals = entry.indexOf('=');
                if (equals < 1) {
                    return false;
                }
                try {
                    if (of(entry.substring(0, equals)) != Long.parseLong(entry.substring(equals + 1))) {
                        return false;
                    }
                }
                catch (NumberFormatException ex) {
                    return false;
                }
            }
            return true;
        }
    }
}
