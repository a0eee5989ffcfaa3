package app.fitsocial.platform.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.modulith.NamedInterface;

/**
 * The service's shared Lettuce connection (standalone or cluster) as asynchronous commands, for
 * the stores that send several commands before they wait for any: commands sent one after the
 * other without waiting go out pipelined, so their answers come back in one round trip.
 */
@NamedInterface("redis")
public final class SharedRedis {

    private final StringRedisTemplate redis;

    public SharedRedis(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** A key or an argument as Redis receives it: UTF-8. */
    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs {@code call} with the asynchronous commands of the shared connection. */
    @SuppressWarnings("unchecked")
    public <T> T run(Function<RedisClusterAsyncCommands<byte[], byte[]>, T> call) {
        return redis.execute((RedisCallback<T>) connection ->
                call.apply((RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection()));
    }

    /**
     * The result of a command, waiting at most {@code timeout}.
     *
     * @throws RedisSystemException when the command failed, timed out or the wait was interrupted
     */
    public static <T> T await(CompletionStage<T> future, Duration timeout) {
        try {
            return future.toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new RedisSystemException("Interrupted waiting for Redis", ex);
        }
        catch (ExecutionException ex) {
            throw new RedisSystemException("Redis command failed: " + ex.getCause(), ex.getCause());
        }
        catch (TimeoutException ex) {
            throw new RedisSystemException("Redis did not answer within " + timeout.toMillis() + " ms", ex);
        }
    }
}
