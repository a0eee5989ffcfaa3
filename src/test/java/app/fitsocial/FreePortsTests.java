package app.fitsocial;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import redis.embedded.RedisServer;

import app.fitsocial.platform.embedded.EmbeddedServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A port can be taken between the moment it was found free and the moment a server binds it; the
 * embedded servers then start on another one instead of failing the run. The race is staged by
 * handing the first attempt a port this test holds.
 */
class FreePortsTests {

    @Test
    void redisStartsOnAnotherPortWhenItsPortWasTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicInteger attempts = new AtomicInteger();
            Path dir = Files.createTempDirectory("free-ports-redis-");
            RedisServer redis = FreePorts.startOnAFreePort("Test Redis", port -> {
                int use = attempts.getAndIncrement() == 0 ? taken.getLocalPort() : port;
                RedisServer server = EmbeddedServers.volatileRedis(use, dir).build();
                server.start();
                return server;
            });
            try {
                assertThat(attempts).hasValue(2);
                assertThat(redis.isActive()).isTrue();
            }
            finally {
                redis.stop();
                FileSystemUtils.deleteRecursively(dir);
            }
        }
    }

    @Test
    void postgresStartsOnAnotherPortWhenItsPortWasTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicInteger attempts = new AtomicInteger();
            Path serverLog = Files.createTempFile("free-ports-pg-", ".log");
            EmbeddedPostgres postgres = FreePorts.startOnAFreePort("Test PostgreSQL", port -> FreePorts.startPostgres(
                    EmbeddedPostgres.builder()
                            .setPort(attempts.getAndIncrement() == 0 ? taken.getLocalPort() : port)
                            .setPGStartupWait(Duration.ofSeconds(10))
                            .setServerConfig("listen_addresses", "127.0.0.1"), serverLog));
            try {
                assertThat(attempts).hasValue(2);
                assertThat(postgres.getPort()).isNotEqualTo(taken.getLocalPort());
            }
            finally {
                postgres.close();
            }
        }
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> FreePorts.startOnAFreePort("Broken", port -> {
            attempts.incrementAndGet();
            throw new IOException("configuration file not found");
        })).hasMessageContaining("configuration file");
        assertThat(attempts).hasValue(1);
    }
}
