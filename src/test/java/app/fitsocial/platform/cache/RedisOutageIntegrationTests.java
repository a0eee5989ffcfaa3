package app.fitsocial.platform.cache;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import app.fitsocial.ApiClient;
import app.fitsocial.ApiResponse;
import app.fitsocial.AnotherInstance;
import app.fitsocial.IntegrationTestSupport;
import app.fitsocial.PrivateRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance whose Redis stops and comes back: every request keeps succeeding from PostgreSQL
 * without waiting on Redis, and the caches work again once Redis returns, without a restart.
 */
class RedisOutageIntegrationTests extends IntegrationTestSupport {

    @Test
    void servesEverythingWhileRedisIsDownAndCachesAgainWhenItReturns() throws Exception {
        PrivateRedis redis = PrivateRedis.start();
        try (ConfigurableApplicationContext instance = AnotherInstance.start("--REDIS_URL=" + redis.url(),
                        "--fitsocial.observability.sql-count-header=true",
                        "--fitsocial.rate-limit.raised[0].name=tests",
                        "--fitsocial.rate-limit.raised[0].addresses=127.0.0.1/32,::1/128")) {
            ApiClient client = new ApiClient(instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
            TestUser reader = newUser();
            TestUser author = newUser();
            long classId = newClass(newProvider(null, "Outageville"), inDays(2), 10);
            assertThat(client.post("/api/v1/users/" + author.id() + "/follow", reader.token(), null).status()).isEqualTo(204);
            assertThat(post(client, author, "before the outage").status()).isEqualTo(201);
            String classPath = "/api/v1/classes/" + classId;
            client.get(classPath, null);
            assertThat(sqlStatementsOf(client.get(classPath, null))).as("cached before the outage").isZero();

            redis.stop();
            try {
                long started = System.nanoTime();
                for (int i = 0; i < 5; i++) {
                    ApiResponse detail = client.get(classPath, null);
                    assertThat(detail.status()).isEqualTo(200);
                    assertThat(detail.header("X-RateLimit-Limit")).as("limited in memory meanwhile").isPresent();
                    assertThat(client.get("/api/v1/users/" + author.id(), reader.token()).status()).isEqualTo(200);
                    ApiResponse feed = client.get("/api/v1/social/feed", reader.token());
                    assertThat(feed.status()).as(feed.toString()).isEqualTo(200);
                    assertThat(feed.body()).contains("before the outage");
                }
                assertThat(post(client, author, "during the outage").status()).isEqualTo(201);
                assertThat(client.get("/api/v1/social/feed", reader.token()).body()).contains("during the outage");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no request waited on Redis")
                        .isLessThan(Duration.ofSeconds(5));
                ApiResponse health = client.get("/actuator/health", null);
                assertThat(health.status()).isEqualTo(503);
                assertThat(health.json().path("components").path("redis").path("status").asString()).isEqualTo("DOWN");
            }
            finally {
                redis.restart();
            }

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            long statements = -1;
            while (statements != 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                statements = sqlStatementsOf(client.get(classPath, null));
            }
            assertThat(statements).as("served from the cache again").isZero();
            assertThat(instance.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                    .get("fitsocial.ratelimit.fallbacks").counter().count()).isPositive();
            assertThat(client.get("/api/v1/social/feed", reader.token()).body()).contains("during the outage");
        }
        finally {
            redis.close();
        }
    }

    private static ApiResponse post(ApiClient client, TestUser author, String text) {
        return client.post("/api/v1/social/activity", author.token(), Map.of("type", "POST", "text", text));
    }
}
