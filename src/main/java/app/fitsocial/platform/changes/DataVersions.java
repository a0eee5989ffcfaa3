package app.fitsocial.platform.changes;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

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

    private static final Logger log = LoggerFactory.getLogger(DataVersions.class);

    private final StringRedisTemplate redis;
    private final CircuitBreaker breaker;
    private final AtomicBoolean epochRaisePending = new AtomicBoolean(true);

    DataVersions(StringRedisTemplate redis) {
        this.redis = redis;
        this.breaker = CircuitBreaker.of("data-versions", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(3)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(5))
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordExceptions(DataAccessException.class)
                .build());
    }

    /**
     * The counters as they are now, or {@code null} when Redis cannot tell. Read it before reading
     * the data: a change committed in between then shows as a newer counter, never as an older one.
     */
    public @Nullable Snapshot snapshot() {
        return guarded(() -> {
            raisePendingEpoch();
            Map<String, Long> counters = new HashMap<>();
            redis.<String, String>opsForHash().entries(KEY)
                    .forEach((name, value) -> counters.put(name, Long.parseLong(value)));
            return new Snapshot(Map.copyOf(counters));
        });
    }

    /**
     * A {@link #snapshot()} and the value of another key, in one round trip: how derived state
     * stored under {@code key} is read together with the counters that say whether it still holds.
     */
    public @Nullable Reading snapshotAndGet(String key) {
        return guarded(() -> {
            raisePendingEpoch();
            List<Object> results = redis.executePipelined(new SessionCallback<Object>() {
                @Override
                @SuppressWarnings({"unchecked", "rawtypes"})
                public Object execute(RedisOperations operations) {
                    operations.opsForHash().entries(KEY);
                    operations.opsForValue().get(key);
                    return null;
                }
            });
            Map<String, Long> counters = new HashMap<>();
            ((Map<?, ?>) results.get(0)).forEach((name, value) ->
                    counters.put((String) name, Long.parseLong((String) value)));
            return new Reading(new Snapshot(Map.copyOf(counters)), (String) results.get(1));
        });
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
        Boolean done = guarded(() -> {
            raisePendingEpoch();
            redis.executePipelined((org.springframework.data.redis.core.RedisCallback<Object>) connection -> {
                byte[] key = KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                for (String name : names) {
                    connection.hashCommands().hIncrBy(key, name.getBytes(java.nio.charset.StandardCharsets.UTF_8), 1);
                }
                return null;
            });
            return Boolean.TRUE;
        });
        if (done == null) {
            epochRaisePending.set(true);
        }
    }

    /** The client-side view of Redis health used by the other users of this Redis hash. */
    public boolean available() {
        return breaker.getState() != CircuitBreaker.State.OPEN;
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

    private void raisePendingEpoch() {
        if (epochRaisePending.get()) {
            redis.opsForHash().increment(KEY, EPOCH, 1);
            epochRaisePending.set(false);
        }
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
