package app.fitsocial.platform.ratelimit;

import java.net.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default rules over real HTTP and real Redis. The tests' loopback client has raised limits
 * and is a trusted proxy, so each test names a fresh client address in {@code X-Forwarded-For}
 * and gets buckets with the real limits.
 */
class RateLimitIntegrationTests extends IntegrationTestSupport {

    @Autowired
    private StringRedisTemplate redis;

    private static String newAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private ApiResponse send(String method, String path, @Nullable String token, String address, @Nullable String body) {
        HttpRequest.Builder request = api().request(path, token).header("X-Forwarded-For", address);
        return api().send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void theAuthRuleAllowsFiveRequestsAMinutePerAddress() {
        String address = newAddress();
        // an account per attempt: the per-rule figures here must not meet the login throttle's (4 per account and client)
        java.util.function.Supplier<String> login = () -> "{\"email\":\"" + unique("nobody")
                + "@test.fitsocial.app\",\"password\":\"wrong password\"}";
        for (int i = 1; i <= 5; i++) {
            ApiResponse response = send("POST", "/api/v1/auth/login", null, address, login.get());
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("RateLimit-Policy")).hasValue("\"auth\";q=5;w=60");
            assertThat(response.header("X-RateLimit-Remaining")).hasValue(Integer.toString(5 - i));
        }
        ApiResponse limited = send("POST", "/api/v1/auth/login", null, address, login.get());
        assertProblem(limited, 429, "rate-limited");
        long retryAfter = Long.parseLong(limited.header("Retry-After").orElseThrow());
        assertThat(retryAfter).as("the minute's window ends within 60 s").isBetween(50L, 60L);
        assertThat(limited.header("RateLimit")).hasValue("\"auth\";r=0;t=" + retryAfter);
        assertThat(limited.json().path("limit").asString()).as("the body names the refusing rule").isEqualTo("auth");
        assertThat(send("POST", "/api/v1/auth/login", null, newAddress(), login.get()).status()).isEqualTo(401);
        Long ttl = redis.getExpire("fitsocial:v2:rate:{ip:" + address + "}:auth:5");
        assertThat(ttl).as("an idle bucket expires once it would be full again").isBetween(1L, 75L);
    }

    @Test
    void theDefaultRuleAllowsAHundredRequestsAMinutePerUser() {
        TestUser user = newUser();
        String address = newAddress();
        for (int i = 1; i <= 100; i++) {
            ApiResponse response = send("GET", "/api/v1/users/" + user.id(), user.token(), address, null);
            assertThat(response.status()).as("request " + i).isEqualTo(200);
        }
        ApiResponse limited = send("GET", "/api/v1/users/" + user.id(), user.token(), newAddress(), null);
        assertProblem(limited, 429, "rate-limited");
        assertThat(limited.header("RateLimit-Policy")).hasValue("\"default\";q=100;w=60");
        assertThat(limited.json().path("limit").asString()).isEqualTo("default");
        assertThat(Long.parseLong(limited.header("Retry-After").orElseThrow())).isBetween(45L, 60L);
        assertThat(send("GET", "/api/v1/users/" + user.id(), newUser().token(), address, null).status())
                .as("another user is not limited").isEqualTo(200);
    }

    @Test
    void aRequestCountsAgainstItsRuleAndTheDefaultAndReportsTheCloserOne() {
        TestUser user = newUser();
        String address = newAddress();
        for (int i = 1; i <= 10; i++) {
            ApiResponse posted = send("POST", "/api/v1/social/activity", user.token(), address,
                    "{\"type\":\"POST\",\"text\":\"post " + i + "\"}");
            assertThat(posted.status()).isEqualTo(201);
            assertThat(posted.header("RateLimit-Policy")).hasValue("\"activity\";q=10;w=60");
            assertThat(posted.header("X-RateLimit-Remaining")).hasValue(Integer.toString(10 - i));
        }
        ApiResponse limited = send("POST", "/api/v1/social/activity", user.token(), address,
                "{\"type\":\"POST\",\"text\":\"one too many\"}");
        assertProblem(limited, 429, "rate-limited");
        assertThat(Long.parseLong(limited.header("Retry-After").orElseThrow())).isBetween(50L, 60L);
        ApiResponse read = send("GET", "/api/v1/users/me", user.token(), address, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("RateLimit-Policy")).hasValue("\"default\";q=100;w=60");
        assertThat(read.header("X-RateLimit-Remaining")).as("10 posts and this read").hasValue("89");
    }

    @Test
    void reviewWritesAreLimitedPerHourAndMessagesPerMinute() {
        TestUser user = newUser();
        String address = newAddress();
        for (int i = 0; i < 5; i++) {
            assertThat(send("POST", "/api/v1/reviews", user.token(), address, "{}").status()).isEqualTo(400);
        }
        ApiResponse limited = send("PUT", "/api/v1/reviews/1", user.token(), address, "{}");
        assertProblem(limited, 429, "rate-limited");
        assertThat(Long.parseLong(limited.header("Retry-After").orElseThrow())).isBetween(3500L, 3600L);
        long classId = newClass(newProvider(null, "Limitville"), inDays(3), 10);
        assertThat(send("GET", "/api/v1/reviews?classId=" + classId, user.token(), address, null).status())
                .as("reading reviews is not a review write").isEqualTo(200);

        for (int i = 0; i < 20; i++) {
            assertThat(send("POST", "/api/v1/messages/send", user.token(), address, "{}").status()).isEqualTo(400);
        }
        assertProblem(send("POST", "/api/v1/messages/send", user.token(), address, "{}"), 429, "rate-limited");
    }

    @Test
    void everyApiAnswerCarriesTheHeadersAndA304CostsNothing() {
        TestUser user = newUser();
        String address = newAddress();
        ApiResponse notFound = send("GET", "/api/v1/nothing-here", user.token(), address, null);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.header("X-RateLimit-Limit")).hasValue("100");
        assertThat(api().get("/actuator/health", null).header("X-RateLimit-Limit")).isEmpty();

        ApiResponse first = send("GET", "/api/v1/users/me", user.token(), address, null);
        String remaining = first.header("X-RateLimit-Remaining").orElseThrow();
        String etag = first.header("ETag").orElseThrow();
        for (int i = 0; i < 5; i++) {
            ApiResponse revalidated = api().send(api().request("/api/v1/users/me", user.token())
                    .header("X-Forwarded-For", address).header("If-None-Match", etag));
            assertThat(revalidated.status()).isEqualTo(304);
            assertThat(revalidated.header("X-RateLimit-Remaining")).hasValue(remaining);
        }
        ApiResponse next = send("GET", "/api/v1/users/me", user.token(), address, null);
        assertThat(next.header("X-RateLimit-Remaining")).hasValue(Integer.toString(Integer.parseInt(remaining) - 1));
    }

    @Test
    void requestsWithoutAValidTokenAreCountedByAddress() {
        String address = newAddress();
        ApiResponse unauthorized = send("GET", "/api/v1/users/me", null, address, null);
        assertProblem(unauthorized, 401, "unauthorized");
        assertThat(unauthorized.header("X-RateLimit-Remaining")).hasValue("99");
        for (int i = 0; i < 99; i++) {
            assertThat(send("GET", "/api/v1/users/me", "not-a-token", address, null).status()).isEqualTo(401);
        }
        assertProblem(send("GET", "/api/v1/users/me", "not-a-token", address, null), 429, "rate-limited");
        assertThat(send("GET", "/api/v1/users/me", newUser().token(), address, null).status())
                .as("a valid token is limited per user, not per address").isEqualTo(200);
    }

    @Test
    void theTestsOwnAddressHasRaisedLimits() {
        ApiResponse response = api().get("/api/v1/classes", null);
        assertThat(response.header("RateLimit-Policy")).hasValue("\"default\";q=100000;w=60");
        assertThat(response.json().has("items")).isTrue();
        assertThat(Map.of()).isEmpty();
    }
}
