package app.fitsocial.platform.cache;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import app.fitsocial.ApiClient;
import app.fitsocial.AnotherInstance;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the service on one PostgreSQL and one Redis: a write on one drops the other's
 * in-process (L1) copies, so a client sent to either instance sees the change.
 */
class TwoInstancesCachingIntegrationTests extends IntegrationTestSupport {

    @Test
    void aWriteOnOneInstanceReachesTheNearCacheOfTheOther() throws Exception {
        try (ConfigurableApplicationContext other = AnotherInstance.start("--fitsocial.observability.sql-count-header=true",
                        "--fitsocial.rate-limit.raised[0].name=tests",
                        "--fitsocial.rate-limit.raised[0].addresses=127.0.0.1/32,::1/128")) {
            ApiClient second = new ApiClient(other.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
            TestUser user = newUser();
            String path = "/api/v1/users/" + user.id();
            awaitNearCache(other, second, path, user.token());

            assertThat(api().patch("/api/v1/users/me", user.token(), Map.of("bio", "changed on the first")).status())
                    .isEqualTo(200);

            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            String bio = "";
            while (!bio.equals("changed on the first") && System.nanoTime() < deadline) {
                bio = second.get(path, user.token()).json().path("bio").asString("");
            }
            assertThat(bio).isEqualTo("changed on the first");
        }
    }

    /** Reads until the second instance answers from its L1 (once its invalidation channel is up). */
    private static void awaitNearCache(ConfigurableApplicationContext other, ApiClient second, String path, String token)
            throws InterruptedException {
        MeterRegistry registry = other.getBean(MeterRegistry.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(second.get(path, token).status()).isEqualTo(200);
            Counter l1Hits = registry.find("fitsocial.cache.requests").tag("cache", "user-profiles").tag("level", "l1")
                    .tag("result", "hit").counter();
            if (l1Hits != null && l1Hits.count() > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the second instance never served " + path + " from its cache");
    }
}
