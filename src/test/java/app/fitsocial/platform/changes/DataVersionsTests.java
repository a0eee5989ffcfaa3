package app.fitsocial.platform.changes;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import redis.embedded.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data versions on a real Redis that goes away and comes back with its data: nothing derived is
 * trusted during the outage, and a raise lost in it invalidates everything once Redis is back.
 */
class DataVersionsTests {

    private RedisServer server;
    private LettuceConnectionFactory factory;

    @AfterEach
    void stop() throws IOException {
        if (factory != null) {
            factory.destroy();
        }
        if (server != null && server.isActive()) {
            server.stop();
        }
    }

    @Test
    void aRaiseLostDuringAnOutageInvalidatesEveryStampAfterwards() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dir = Files.createTempDirectory("fitsocial-versions-");
        server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                .setting("appendonly yes").setting("appendfsync always").setting("dir " + dir).build();
        server.start();
        factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(300)).build());
        factory.afterPropertiesSet();
        factory.start();
        DataVersions versions = new DataVersions(new StringRedisTemplate(factory), Duration.ofMillis(200));

        versions.raise(List.of("users"));
        DataVersions.Snapshot before = versions.snapshot();
        assertThat(before).isNotNull();
        assertThat(before.of("users")).isEqualTo(1);
        assertThat(before.of(DataVersions.EPOCH)).as("raised once on start").isEqualTo(1);
        String stamp = before.stamp(List.of("users", "follows"));
        assertThat(before.matches(stamp)).isTrue();

        server.stop();
        versions.raise(List.of("follows"));
        assertThat(versions.snapshot()).as("no versions while Redis is away").isNull();

        server.start();
        DataVersions.Snapshot after = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (after == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
            after = versions.snapshot();
        }
        assertThat(after).as("versions again once Redis is back").isNotNull();
        assertThat(after.of("users")).as("Redis kept its data").isEqualTo(1);
        assertThat(after.of("follows")).as("the raise itself was lost").isZero();
        assertThat(after.of(DataVersions.EPOCH)).as("raised again (a retry may raise it twice)").isGreaterThanOrEqualTo(2);
        assertThat(after.matches(stamp)).isFalse();
    }
}
