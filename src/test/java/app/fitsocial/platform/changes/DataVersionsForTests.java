package app.fitsocial.platform.changes;

import java.time.Duration;

import org.springframework.data.redis.core.StringRedisTemplate;

/** Builds {@link DataVersions} outside a Spring context, for tests of the layers above it. */
public final class DataVersionsForTests {

    private DataVersionsForTests() {
    }

    public static DataVersions on(StringRedisTemplate redis) {
        return new DataVersions(redis, Duration.ofMillis(200));
    }
}
