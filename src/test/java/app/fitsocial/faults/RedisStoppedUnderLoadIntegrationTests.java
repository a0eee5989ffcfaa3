package app.fitsocial.faults;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import app.fitsocial.AnotherInstance;
import app.fitsocial.ApiClient;
import app.fitsocial.IntegrationTestSupport;
import app.fitsocial.LoadGenerator;
import app.fitsocial.PrivateRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis stopped for ten seconds in the middle of steady load, then started again (empty, as a
 * replaced Redis would be): no request fails or waits long meanwhile, and once Redis is back the
 * caches and the rate limits use it again and the feeds hold every acknowledged post, without a
 * restart of the service.
 */
class RedisStoppedUnderLoadIntegrationTests extends IntegrationTestSupport {

    @Test
    void loadSurvivesRedisStoppingAndEverythingRecoversWhenItReturns() throws Exception {
        PrivateRedis redis = PrivateRedis.start();
        try (ConfigurableApplicationContext instance = AnotherInstance.start("--REDIS_URL=" + redis.url(),
                "--fitsocial.observability.sql-count-header=true", "--fitsocial.rate-limit.raised[0].name=tests",
                "--fitsocial.rate-limit.raised[0].addresses=127.0.0.1/32,::1/128")) {
            ApiClient client = new ApiClient(AnotherInstance.port(instance));
            List<TestUser> users = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                users.add(newUser());
            }
            TestUser reader = newUser();
            users.forEach(user -> follow(reader, user));
            long classId = newClass(newProvider(null, "Faultville"), inDays(3), 20);
            MeterRegistry meters = instance.getBean(MeterRegistry.class);

            long stoppedAt;
            long restartedAt;
            long end;
            List<LoadGenerator.Write> acknowledged;
            LoadGenerator load = new LoadGenerator(client, users, classId, 6);
            try {
                Thread.sleep(6_000);
                stoppedAt = load.now();
                redis.stop();
                Thread.sleep(10_000);
                restartedAt = load.now();
                redis.restart();
                Thread.sleep(10_000);
                end = load.now();
            }
            finally {
                load.close();
                acknowledged = load.acknowledged();
            }
            LoadGenerator.Window before = load.window(0, stoppedAt);
            LoadGenerator.Window outage = load.window(stoppedAt, restartedAt);
            LoadGenerator.Window after = load.window(restartedAt, end);
            double fallbacks = meters.get("fitsocial.ratelimit.fallbacks").counter().count();
            FaultReport.record("Redis stopped for 10 s under load (6 clients)", "before: " + before + "; during: "
                    + outage + "; after: " + after + "; requests limited in memory: " + (long) fallbacks
                    + "; acknowledged posts: " + acknowledged.size());

            assertThat(outage.requests()).isGreaterThan(100);
            assertThat(outage.failed()).as("failed requests while Redis was down").isZero();
            assertThat(after.failed()).as("failed requests after Redis returned").isZero();
            assertThat(outage.maxMillis()).as("slowest request while Redis was down (ms)").isLessThan(2_000);
            assertThat(fallbacks).as("rate limits held in memory meanwhile").isPositive();

            // back in Redis: the limiter stops falling back, and cached reads take no SQL again
            double fallbacksSettled = meters.get("fitsocial.ratelimit.fallbacks").counter().count();
            for (int i = 0; i < 5; i++) {
                client.get("/api/v1/classes/" + classId, null);
            }
            assertThat(meters.get("fitsocial.ratelimit.fallbacks").counter().count()).isEqualTo(fallbacksSettled);
            assertThat(sqlStatementsOf(client.get("/api/v1/classes/" + classId, null))).as("cached again").isZero();

            // the reader's feed has every acknowledged post among the newest, whatever Redis lost
            List<Long> newest = jdbc.sql("""
                    SELECT id FROM activities WHERE author_id IN (SELECT following_id FROM follows WHERE follower_id = ?)
                    ORDER BY created_at DESC, id DESC LIMIT 10""").param(reader.id()).query(Long.class).list();
            JsonNode feed = client.get("/api/v1/social/feed?limit=20", reader.token()).json().path("items");
            List<Long> served = feed.valueStream().map(item -> item.path("id").asLong()).toList();
            assertThat(served).containsAll(newest);
        }
        finally {
            redis.close();
        }
    }
}
