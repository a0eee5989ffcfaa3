package app.fitsocial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.util.FileSystemUtils;
import redis.embedded.RedisServer;

import app.fitsocial.platform.embedded.EmbeddedServers;

/**
 * A Redis of one test's own on a free loopback port, without persistence, for tests that stop it
 * and start it again (a restarted one is empty, like a replaced Redis) or that must not share the
 * test context's Redis.
 */
public final class PrivateRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;
    private final Path dir;

    private PrivateRedis(RedisServer server, int port, Path dir) {
        this.server = server;
        this.port = port;
        this.dir = dir;
    }

    public static PrivateRedis start() throws IOException {
        Path dir = Files.createTempDirectory("fitsocial-private-redis-");
        return FreePorts.startOnAFreePort("A private Redis", port -> {
            RedisServer server = EmbeddedServers.volatileRedis(port, dir).build();
            server.start();
            return new PrivateRedis(server, port, dir);
        });
    }

    /** The {@code REDIS_URL} of this Redis. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public void stop() throws IOException {
        server.stop();
    }

    /** Starts it again on the same port, empty. */
    public void restart() throws IOException {
        server.start();
    }

    @Override
    public void close() throws IOException {
        if (server.isActive()) {
            server.stop();
        }
        FileSystemUtils.deleteRecursively(dir);
    }
}
