package app.fitsocial.platform.cache;

import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import app.fitsocial.AnotherInstance;
import app.fitsocial.ApiClient;
import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the service on one PostgreSQL and one Redis: a write on one is seen by the very
 * next read on the other, even where the other held the old value in its in-process (L1) cache,
 * and the revalidation of the old tag there is a full answer, never a 304.
 */
class TwoInstancesCachingIntegrationTests extends IntegrationTestSupport {

    @Test
    void aWriteOnOneInstanceIsSeenByTheNextReadOnTheOther() {
        try (ConfigurableApplicationContext other = AnotherInstance.start("--fitsocial.observability.sql-count-header=true",
                        "--fitsocial.rate-limit.raised[0].name=tests",
                        "--fitsocial.rate-limit.raised[0].addresses=127.0.0.1/32,::1/128")) {
            ApiClient second = new ApiClient(AnotherInstance.port(other));
            TestUser user = newUser();
            String path = "/api/v1/users/" + user.id();
            second.get(path, user.token());
            ApiResponse held = second.get(path, user.token());
            assertThat(l1Hits(other)).as("the second instance holds the profile in L1").isPositive();

            assertThat(api().patch("/api/v1/users/me", user.token(), Map.of("bio", "changed on the first")).status())
                    .isEqualTo(200);

            ApiResponse next = second.send(second.request(path, user.token())
                    .header("If-None-Match", held.header("ETag").orElseThrow()));
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.json().path("bio").asString()).isEqualTo("changed on the first");
        }
    }

    private static double l1Hits(ConfigurableApplicationContext instance) {
        return instance.getBean(MeterRegistry.class).find("cache.gets").tag("cache", "user-profiles").tag("level", "l1")
                .tag("result", "hit").counters().stream().mapToDouble(Counter::count).sum();
    }
}
