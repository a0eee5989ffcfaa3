package app.fitsocial.platform.versions;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.data.redis.core.StringRedisTemplate;

import app.fitsocial.platform.redis.SharedRedis;

/** {@link Versions} on a Redis of a test's own, as the service configures them (retries every 50 ms). */
public final class VersionsForTests {

    private VersionsForTests() {
    }

    public static Versions on(StringRedisTemplate redis, Clock clock, MeterRegistry registry) {
        return new Versions(new VersionStore(new SharedRedis(redis), clock, Duration.ofHours(24), Duration.ofMillis(200)),
                Duration.ofMillis(50), registry);
    }
}
