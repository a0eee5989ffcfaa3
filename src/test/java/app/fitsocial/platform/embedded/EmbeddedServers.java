package app.fitsocial.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

import app.fitsocial.FreePorts;

/**
 * One embedded PostgreSQL 17 and one embedded Redis per JVM, started on first use on free
 * loopback ports (on another one when a port is taken between choosing and binding it,
 * {@link FreePorts#startOnAFreePort}) and stopped by a JVM shutdown hook (Ctrl-C included), so
 * every Spring context of a test run shares them and nothing outlives the process.
 */
public final class EmbeddedServers {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);

    private static @Nullable EmbeddedPostgres postgres;
    private static @Nullable Path postgresDataDir;
    private static @Nullable RedisServer redis;
    private static int redisPort;

    private EmbeddedServers() {
    }

    /**
     * Starts PostgreSQL once. With a {@code dataDir} the data survives restarts; without one it
     * lives in a temporary directory, tuned for tests (no fsync), and is deleted on exit.
     */
    static synchronized EmbeddedPostgres postgres(@Nullable Path dataDir) {
        if (postgres == null) {
            try {
                boolean persistent = dataDir != null;
                Path dir = persistent ? dataDir.toAbsolutePath().normalize()
                        : Files.createTempDirectory("fitsocial-pg-");
                Files.createDirectories(dir);
                if (persistent) {
                    stopOrphan(dir.resolve("postmaster.pid"), "/postgres");
                }
                // beside the data directory: initdb wants that empty
                Path serverLog = persistent ? dir.resolveSibling(dir.getFileName() + ".log")
                        : Files.createTempFile("fitsocial-pg-", ".log");
                if (!persistent) {
                    serverLog.toFile().deleteOnExit();
                }
                postgres = FreePorts.startOnAFreePort("Embedded PostgreSQL", port -> {
                    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                            .setDataDirectory(dir)
                            .setCleanDataDirectory(!persistent)
                            .setPort(port)
                            .setPGStartupWait(Duration.ofSeconds(60))
                            .setServerConfig("listen_addresses", "127.0.0.1")
                            .setServerConfig("max_connections", "200");
                    if (!persistent) {
                        builder.setServerConfig("fsync", "off")
                                .setServerConfig("synchronous_commit", "off")
                                .setServerConfig("full_page_writes", "off");
                    }
                    return FreePorts.startPostgres(builder, serverLog);
                });
                postgresDataDir = dir;
                Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedServers::stopPostgres, "embedded-postgres-stop"));
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Embedded PostgreSQL did not start", ex);
            }
        }
        return postgres;
    }

    /**
     * Stops a server that an earlier run left behind: a run killed with SIGKILL cannot run its
     * shutdown hook, and the servers it started outlive it (PostgreSQL then holds its data
     * directory's lock, so no later run could start). Only a live process named in the pid file
     * whose program name contains {@code program} is stopped; a stale pid file changes nothing.
     */
    static void stopOrphan(Path pidFile, String program) {
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        }
        catch (IOException | RuntimeException noUsablePidFile) {
            return;
        }
        ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.contains(program)).orElse(false))
                .ifPresent(orphan -> {
                    log.warn("Stopping {} (pid {}), left running by an earlier run that was killed",
                            orphan.info().command().orElse(program), pid);
                    orphan.destroy();
                    try {
                        orphan.onExit().get(30, TimeUnit.SECONDS);
                    }
                    catch (TimeoutException ex) {
                        orphan.destroyForcibly();
                    }
                    catch (ExecutionException ex) {
                        throw new IllegalStateException(ex);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                });
    }

    static synchronized @Nullable Path postgresDataDir() {
        return postgresDataDir;
    }

    /**
     * Starts Redis once. With a {@code stateDir} (the development run) its pid is kept there, so
     * that a Redis left behind by a killed run is stopped by the next one.
     */
    /**
     * The one way this project configures an embedded Redis: on loopback at {@code port}, with
     * its working files in {@code dir}, and without persistence (a restarted one is empty).
     */
    public static RedisServerBuilder volatileRedis(int port, Path dir) {
        return RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").setting("dir " + dir);
    }

    static synchronized int redisPort(@Nullable Path stateDir) {
        if (redis == null) {
            try {
                Path dir = Files.createTempDirectory("fitsocial-redis-");
                Path pidFile = stateDir == null ? null : stateDir.toAbsolutePath().resolve("redis.pid");
                if (pidFile != null) {
                    Files.createDirectories(stateDir);
                    stopOrphan(pidFile, "/redis-server-");
                }
                redis = FreePorts.startOnAFreePort("Embedded Redis", port -> {
                    var builder = volatileRedis(port, dir).setting("maxmemory 256mb");
                    if (pidFile != null) {
                        builder.setting("pidfile " + pidFile);
                    }
                    RedisServer server = builder.build();
                    server.start();
                    redisPort = port;
                    return server;
                });
                Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedServers::stopRedis, "embedded-redis-stop"));
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Embedded Redis did not start", ex);
            }
        }
        return redisPort;
    }

    private static synchronized void stopPostgres() {
        if (postgres != null) {
            try {
                postgres.close();
            }
            catch (IOException ex) {
                log.warn("Embedded PostgreSQL did not stop cleanly: {}", ex.getMessage());
            }
            postgres = null;
        }
    }

    private static synchronized void stopRedis() {
        if (redis != null) {
            try {
                redis.stop();
            }
            catch (IOException ex) {
                log.warn("Embedded Redis did not stop cleanly: {}", ex.getMessage());
            }
            redis = null;
        }
    }

}
