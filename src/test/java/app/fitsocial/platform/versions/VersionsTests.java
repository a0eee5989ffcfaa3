package app.fitsocial.platform.versions;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import app.fitsocial.MovableClock;
import app.fitsocial.PrivateRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared versions against a real Redis of their own: a row-backed version never goes down,
 * every version gets a later second than the one before (and a lost one a second past the current
 * one), collections count up, and a raise Redis did not take is retried while the instance
 * answers "unknown".
 */
class VersionsTests {

    private PrivateRedis redis;
    private LettuceConnectionFactory connections;
    private StringRedisTemplate template;
    private final MovableClock clock = new MovableClock();
    private Versions versions;

    @BeforeEach
    void start() throws IOException {
        redis = PrivateRedis.start();
        int port = Integer.parseInt(redis.url().substring(redis.url().lastIndexOf(':') + 1));
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(300)).build());
        connections.afterPropertiesSet();
        connections.start();
        template = new StringRedisTemplate(connections);
        versions = VersionsForTests.on(template, clock, new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() throws IOException {
        versions.close();
        connections.destroy();
        redis.close();
    }

    private Version versionOf(String resource) {
        Map<String, Version> read = versions.read(List.of(resource)).await();
        assertThat(read).isNotNull();
        return read.get(resource);
    }

    @Test
    void aRowBackedVersionNeverGoesDownAndEveryChangeGetsALaterSecond() {
        String resource = "class:" + UUID.randomUUID();
        assertThat(versions.read(List.of(resource)).await()).as("never raised: absent, not zero").isEmpty();

        versions.changed(resource, 5);
        long now = clock.instant().getEpochSecond();
        assertThat(versionOf(resource)).as("nothing stored: a second past the current one")
                .isEqualTo(new Version(5, now + 1));

        versions.changed(resource, 6);
        versions.changed(resource, 7);
        assertThat(versionOf(resource)).as("two changes within one second still get seconds of their own")
                .isEqualTo(new Version(7, now + 3));

        versions.changed(resource, 6);
        versions.observed(resource, 4);
        assertThat(versionOf(resource)).as("a late or older statement changes nothing").isEqualTo(new Version(7, now + 3));

        clock.advance(Duration.ofMinutes(1));
        versions.changed(resource, 8);
        assertThat(versionOf(resource)).isEqualTo(new Version(8, clock.instant().getEpochSecond()));
    }

    @Test
    void aVersionLostFromRedisComesBackWithALaterSecondThanAnyBefore() {
        String resource = "user:" + UUID.randomUUID();
        versions.changed(resource, 3);
        versions.changed(resource, 4);
        Version before = versionOf(resource);
        template.delete(VersionStore.PREFIX + resource);

        versions.observed(resource, 4);
        awaitPresent(resource);

        Version after = versionOf(resource);
        assertThat(after.number()).isEqualTo(4);
        // every Last-Modified ever sent was at most the current second (it is never later than
        // Date): a second past it is later than all of them, whatever the lost version said
        assertThat(before.lastModified()).as("ahead of the clock after two changes in one second")
                .isEqualTo(clock.instant().getEpochSecond() + 2);
        assertThat(after.lastModified()).isEqualTo(clock.instant().getEpochSecond() + 1);
    }

    @Test
    void collectionsCountUpAndAreInitialisedOnce() {
        String collection = "classes:provider:" + UUID.randomUUID();
        long first = versions.initialize(collection).orElseThrow();
        assertThat(versions.initialize(collection).orElseThrow()).isEqualTo(first);
        versions.changed(collection);
        long second = versionOf(collection).number();
        versions.changed(collection);
        assertThat(second).isGreaterThan(first);
        assertThat(versionOf(collection).number()).isGreaterThan(second);
    }

    @Test
    void aRaiseRedisDidNotTakeIsRetriedAndUntilThenNothingIsTrusted() throws Exception {
        String resource = "class:" + UUID.randomUUID();
        versions.changed(resource, 1);
        redis.stop();
        versions.changed(resource, 2);
        redis.restart();
        String other = "class:" + UUID.randomUUID();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Map<String, Version> read = versions.read(List.of(resource, other)).await();
        assertThat(read).as("a raise is pending: the instance trusts no version").isNull();
        while (read == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
            read = versions.read(List.of(resource, other)).await();
        }
        assertThat(read).as("the raise went through once Redis was back").isNotNull();
        assertThat(read.get(resource).number()).isEqualTo(2);
    }

    private void awaitPresent(String resource) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!Boolean.TRUE.equals(template.hasKey(VersionStore.PREFIX + resource)) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
