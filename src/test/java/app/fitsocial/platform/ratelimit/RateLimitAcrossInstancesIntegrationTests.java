package app.fitsocial.platform.ratelimit;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import app.fitsocial.ApiClient;
import app.fitsocial.ApiResponse;
import app.fitsocial.AnotherInstance;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second instance on the same Redis, which trusts no proxy and raises no client: limits are
 * shared with the tests' instance, a forged {@code X-Forwarded-For} changes nothing, and a
 * bucket refills after its period (a 2 s test-only rule).
 */
class RateLimitAcrossInstancesIntegrationTests extends IntegrationTestSupport {

    @Test
    void limitsAreSharedNotSpoofableAndRefill() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (ConfigurableApplicationContext other = AnotherInstance.start("--fitsocial.web.trusted-proxies=",
                        "--fitsocial.rate-limit.raised[0].name=none",
                        "--fitsocial.rate-limit.rules[0].name=auth-" + suffix,
                        "--fitsocial.rate-limit.rules[0].pattern=/api/v1/auth/**",
                        "--fitsocial.rate-limit.rules[0].capacity=5", "--fitsocial.rate-limit.rules[0].period=1m",
                        "--fitsocial.rate-limit.rules[0].key=IP",
                        "--fitsocial.rate-limit.rules[1].name=messages",
                        "--fitsocial.rate-limit.rules[1].pattern=/api/v1/messages/send",
                        "--fitsocial.rate-limit.rules[1].methods=POST",
                        "--fitsocial.rate-limit.rules[1].capacity=20", "--fitsocial.rate-limit.rules[1].period=1m",
                        "--fitsocial.rate-limit.rules[1].key=USER",
                        "--fitsocial.rate-limit.rules[2].name=refill-" + suffix,
                        "--fitsocial.rate-limit.rules[2].pattern=/api/v1/providers",
                        "--fitsocial.rate-limit.rules[2].methods=GET",
                        "--fitsocial.rate-limit.rules[2].capacity=2", "--fitsocial.rate-limit.rules[2].period=2s",
                        "--fitsocial.rate-limit.rules[2].key=IP")) {
            ApiClient second = new ApiClient(other.getEnvironment().getRequiredProperty("local.server.port", Integer.class));

            // one user's message budget (20 a minute) is spent on both instances together
            TestUser sender = newUser();
            for (int i = 0; i < 10; i++) {
                assertThat(api().send(api().request("/api/v1/messages/send", sender.token())
                        .header("X-Forwarded-For", "10.200.0.1")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))).status()).isEqualTo(400);
                assertThat(second.post("/api/v1/messages/send", sender.token(), Map.of()).status()).isEqualTo(400);
            }
            assertProblem(second.post("/api/v1/messages/send", sender.token(), Map.of()), 429, "rate-limited");
            assertProblem(api().send(api().request("/api/v1/messages/send", sender.token())
                    .header("X-Forwarded-For", "10.200.0.1")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))), 429, "rate-limited");

            // the peer (loopback) is not a trusted proxy here: forged addresses all count as the peer's
            // an account of its own: its failed logins must not meet the per-account throttle of other tests
            String login = "{\"email\":\"" + unique("nobody") + "@test.fitsocial.app\",\"password\":\"wrong password\"}";
            for (int i = 0; i < 5; i++) {
                ApiResponse response = second.send(second.request("/api/v1/auth/login", null)
                        .header("X-Forwarded-For", "198.51.100." + (i + 1))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(login)));
                assertThat(response.status()).isEqualTo(401);
            }
            assertProblem(second.send(second.request("/api/v1/auth/login", null)
                    .header("X-Forwarded-For", "198.51.100.99").header("Forwarded", "for=203.0.113.7")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(login))), 429, "rate-limited");

            // a bucket refills after its period
            assertThat(second.get("/api/v1/providers", null).status()).isEqualTo(200);
            assertThat(second.get("/api/v1/providers", null).status()).isEqualTo(200);
            ApiResponse limited = second.get("/api/v1/providers", null);
            assertProblem(limited, 429, "rate-limited");
            assertThat(Long.parseLong(limited.header("Retry-After").orElseThrow())).isBetween(1L, 2L);
            Thread.sleep(2100);
            assertThat(second.get("/api/v1/providers", null).status()).isEqualTo(200);
        }
    }
}
