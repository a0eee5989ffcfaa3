package app.fitsocial.platform.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.springframework.modulith.NamedInterface;

/**
 * A Lua script run with {@code EVALSHA}, falling back to {@code EVAL} (which also loads it) the
 * first time a Redis server does not know it. On a cluster every key of one call must be in one
 * hash slot; the call goes to that slot's node.
 *
 * @param body the script
 * @param sha its SHA-1, as Redis names it
 */
@NamedInterface("redis")
public record LuaScript(String body, String sha) {

    public static LuaScript of(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(body.getBytes(StandardCharsets.UTF_8));
            return new LuaScript(body, HexFormat.of().formatHex(digest));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", ex);
        }
    }

    /** Sends the script (without waiting); the future completes with its answer. */
    public <T> CompletableFuture<T> run(RedisClusterAsyncCommands<byte[], byte[]> commands, ScriptOutputType type,
            byte[][] keys, byte[]... args) {
        CompletableFuture<T> first = commands.<T>evalsha(sha, type, keys, args).toCompletableFuture();
        return first.handle((result, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(result);
            }
            Throwable cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null
                    ? wrapped.getCause() : failure;
            if (cause instanceof RedisNoScriptException) {
                return commands.<T>eval(body.getBytes(StandardCharsets.UTF_8), type, keys, args).toCompletableFuture();
            }
            return CompletableFuture.<T>failedFuture(cause);
        }).thenCompose(future -> future);
    }
}
