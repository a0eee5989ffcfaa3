package app.fitsocial.platform.versions;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import app.fitsocial.platform.redis.LuaScript;
import app.fitsocial.platform.redis.RedisCircuitBreaker;
import app.fitsocial.platform.redis.SharedRedis;

import static app.fitsocial.platform.redis.SharedRedis.bytes;
import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The versions in Redis: one key per resource, {@code fitsocial:v2:version:<resource>}, holding
 * {@code <number>:<lastModified>}. Reads are one {@code MGET}; raises are a script per resource
 * (sent together), which never lowers a number and gives every new number a later second.
 * Keys expire after {@code ttl} without a raise; a missing key means "unknown", never "unchanged".
 * Redis is guarded by a circuit breaker: while it is open, reads answer "unknown" at once.
 */
class VersionStore {

    static final String PREFIX = "fitsocial:v2:version:";

    /**
     * Raises a version. ARGV: the new number ("" for a collection: the next counter value, at
     * least ARGV[3]), the current epoch second, the counter floor (epoch microseconds), the TTL
     * in seconds. A row-backed number not above the stored one changes nothing. The new second is
     * the current one, or one past the stored one if that is not earlier; with nothing stored,
     * one past the current second (a lost key may have been at the current second already).
     * Answers the version stored afterwards.
     */
    private static final LuaScript RAISE = LuaScript.of("""
            local old = redis.call('GET', KEYS[1])
            local oldNumber, oldSecond
            if old then
              local colon = string.find(old, ':', 1, true)
              oldNumber = tonumber(string.sub(old, 1, colon - 1))
              oldSecond = tonumber(string.sub(old, colon + 1))
            end
            local number
            if ARGV[1] == '' then
              number = tonumber(ARGV[3])
              if oldNumber and oldNumber >= number then number = oldNumber + 1 end
            else
              number = tonumber(ARGV[1])
              if oldNumber and oldNumber >= number then return old end
            end
            local now = tonumber(ARGV[2])
            local second = now + 1
            if oldSecond then second = math.max(now, oldSecond + 1) end
            local value = string.format('%d:%d', number, second)
            redis.call('SET', KEYS[1], value, 'EX', ARGV[4])
            return value""");

    /** Sets a collection's version if it has none; answers the stored one. ARGV: the value, the TTL in seconds. */
    private static final LuaScript INITIALIZE = LuaScript.of("""
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) then return ARGV[1] end
            return redis.call('GET', KEYS[1])""");

    private static final Logger log = LoggerFactory.getLogger(VersionStore.class);

    private final SharedRedis redis;
    private final Clock clock;
    private final Duration ttl;
    private final Duration timeout;
    private final CircuitBreaker breaker;

    VersionStore(SharedRedis redis, Clock clock, Duration ttl, Duration timeout) {
        this.redis = redis;
        this.clock = clock;
        this.ttl = ttl;
        this.timeout = timeout;
        this.breaker = RedisCircuitBreaker.create("versions", Duration.ofSeconds(2), DataAccessException.class,
                java.util.concurrent.CompletionException.class);
    }

    /** A change to send: a row-backed resource's new number, or {@code null} for the next value of a collection. */
    record Raise(String resource, @Nullable Long number) {
    }

    /**
     * Sends an {@code MGET} of the resources' versions without waiting; the future answers the
     * versions found (missing resources are absent), or fails when Redis cannot answer.
     */
    CompletableFuture<Map<String, Version>> read(List<String> resources) {
        if (resources.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        if (!breaker.tryAcquirePermission()) {
            return CompletableFuture.failedFuture(CallNotPermittedException.createCallNotPermittedException(breaker));
        }
        long start = System.nanoTime();
        CompletableFuture<List<KeyValue<byte[], byte[]>>> sent;
        try {
            sent = redis.run(commands -> commands.mget(keys(resources)).toCompletableFuture());
        }
        catch (DataAccessException ex) {
            breaker.onError(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS, ex);
            return CompletableFuture.failedFuture(ex);
        }
        return sent.orTimeout(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS).handle((values, failure) -> {
            long took = System.nanoTime() - start;
            if (failure != null) {
                breaker.onError(took, java.util.concurrent.TimeUnit.NANOSECONDS, failure);
                throw new java.util.concurrent.CompletionException(failure);
            }
            breaker.onSuccess(took, java.util.concurrent.TimeUnit.NANOSECONDS);
            Map<String, Version> found = new HashMap<>(values.size() * 2);
            for (int i = 0; i < values.size(); i++) {
                KeyValue<byte[], byte[]> value = values.get(i);
                if (value.hasValue()) {
                    try {
                        found.put(resources.get(i), Version.parse(new String(value.getValue(), UTF_8)));
                    }
                    catch (IllegalArgumentException unreadable) {
                        // not written by this version of the service: unknown, like a missing key
                    }
                }
            }
            return found;
        });
    }

    /** Sends the raises together and waits for them; false when Redis did not take every one. */
    boolean raise(Collection<Raise> raises) {
        if (raises.isEmpty()) {
            return true;
        }
        Boolean done = guarded(() -> {
            send(raises).forEach(future -> SharedRedis.await(future, timeout));
            return Boolean.TRUE;
        });
        return Boolean.TRUE.equals(done);
    }

    /** Sends the raises together without waiting for them (a lost one costs a later full answer, never a wrong one). */
    void raiseInBackground(Collection<Raise> raises) {
        guarded(() -> send(raises));
    }

    /** Raises one version and answers the version stored afterwards; {@code null} when Redis cannot. */
    @Nullable Version raiseAndRead(Raise raise) {
        byte[] stored = guarded(() -> SharedRedis.await(send(List.of(raise)).get(0), timeout));
        return stored == null ? null : Version.parse(new String(stored, UTF_8));
    }

    private List<CompletableFuture<byte[]>> send(Collection<Raise> raises) {
        return redis.run(commands -> {
            long now = clock.instant().getEpochSecond();
            long floor = Math.multiplyExact(clock.millis(), 1000L);
            List<CompletableFuture<byte[]>> sent = new ArrayList<>(raises.size());
            for (Raise raise : raises) {
                sent.add(RAISE.run(commands, ScriptOutputType.VALUE, new byte[][] {key(raise.resource())},
                        bytes(raise.number() == null ? "" : Long.toString(raise.number())), bytes(Long.toString(now)),
                        bytes(Long.toString(floor)), bytes(Long.toString(ttl.toSeconds()))));
            }
            return sent;
        });
    }

    /** Gives a collection a version if it has none, and answers its version; {@code null} when Redis cannot. */
    @Nullable Long initialize(String collection) {
        String value = Long.toString(Math.multiplyExact(clock.millis(), 1000L)) + ":" + (clock.instant().getEpochSecond() + 1);
        byte[] stored = guarded(() -> redis.run(commands -> SharedRedis.<byte[]>await(INITIALIZE.run(commands,
                ScriptOutputType.VALUE, new byte[][] {key(collection)}, bytes(value), bytes(Long.toString(ttl.toSeconds()))),
                timeout)));
        return stored == null ? null : Version.parse(new String(stored, UTF_8)).number();
    }

    private <T> @Nullable T guarded(Supplier<T> call) {
        try {
            return breaker.executeSupplier(call);
        }
        catch (CallNotPermittedException ex) {
            return null;
        }
        catch (DataAccessException ex) {
            log.warn("Versions unavailable in Redis: {}", ex.getMessage());
            return null;
        }
    }

    static byte[] key(String resource) {
        return bytes(PREFIX + resource);
    }

    private static byte[][] keys(List<String> resources) {
        byte[][] keys = new byte[resources.size()][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = key(resources.get(i));
        }
        return keys;
    }
}
