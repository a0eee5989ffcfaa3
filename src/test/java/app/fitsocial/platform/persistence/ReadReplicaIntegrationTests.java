package app.fitsocial.platform.persistence;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import app.fitsocial.AnotherInstance;
import app.fitsocial.ApiClient;
import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;
import app.fitsocial.PrivateRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service on a primary with a streaming replica ({@code DATABASE_REPLICA_URL}), with replay
 * on the replica paused to make its lag visible: other users' reads come from the replica, the
 * writer reads their own write from the primary within the read-your-writes window, everyone
 * reads a version-tagged resource (and every cache fill) from the primary, so a version never
 * vouches for older data from the replica, and with the replica stopped every read is still
 * served, from the primary. Migrations ran on the primary
 * and reached the replica by streaming.
 */
class ReadReplicaIntegrationTests extends IntegrationTestSupport {

    @Test
    void readsGoToTheReplicaExceptAUsersOwnRecentWritesAndSurviveItsLoss() throws Exception {
        PrivateRedis redis = PrivateRedis.start();
        try (StreamingReplica databases = StreamingReplica.start();
                ConfigurableApplicationContext instance = AnotherInstance.start("--DATABASE_URL=" + databases.primaryUrl(),
                        "--DATABASE_REPLICA_URL=" + databases.replicaUrl(), "--DATABASE_READ_YOUR_WRITES_WINDOW=3s",
                        "--REDIS_URL=" + redis.url(),
                        "--fitsocial.rate-limit.raised[0].name=tests",
                        "--fitsocial.rate-limit.raised[0].addresses=127.0.0.1/32,::1/128")) {
            ApiClient client = new ApiClient(AnotherInstance.port(instance));
            JdbcClient primary = JdbcClient.create(new DriverManagerDataSource(databases.primaryUrl(), "postgres", ""));
            JdbcClient replica = JdbcClient.create(new DriverManagerDataSource(databases.replicaUrl()));
            assertThat(replica.sql("SELECT pg_is_in_recovery()").query(Boolean.class).single()).isTrue();
            // Flyway migrated the primary and JobRunr's server announced itself there: both write
            assertThat(primary.sql("SELECT count(*) FROM flyway_schema_history WHERE success").query(Long.class).single())
                    .isPositive();
            assertThat(primary.sql("SELECT count(*) FROM jobrunr_backgroundjobservers").query(Long.class).single())
                    .isPositive();
            TestUser writer = user(primary, "Writer");
            TestUser reader = user(primary, "Reader");
            awaitOnReplica(replica, "SELECT count(*) FROM users WHERE id = " + reader.id());
            String writersActivity = "/api/v1/users/" + writer.id() + "/activity";
            String writersProfile = "/api/v1/users/" + writer.id();
            ApiResponse profile = client.get(writersProfile, reader.token());
            assertThat(profile.status()).isEqualTo(200);

            databases.onReplica("SELECT pg_wal_replay_pause()");
            assertThat(client.patch("/api/v1/users/me", writer.token(), Map.of("displayName", "Renamed on the primary"))
                    .status()).isEqualTo(200);
            ApiResponse renamed = client.send(client.request(writersProfile, reader.token())
                    .header("If-None-Match", profile.header("ETag").orElseThrow()));
            // a version-tagged answer is read at the primary: the lagging replica's old row would
            // carry the old version, and the old tag would match it
            assertThat(renamed.status()).as("no 304 from a replica behind the version").isEqualTo(200);
            assertThat(renamed.json().path("displayName").asString()).isEqualTo("Renamed on the primary");
            ApiResponse posted = client.post("/api/v1/social/activity", writer.token(), Map.of("type", "POST", "text", "lagging"));
            assertThat(posted.status()).isEqualTo(201);
            assertThat(texts(client.get(writersActivity, writer.token()))).as("the writer reads their write")
                    .containsExactly("lagging");
            assertThat(texts(client.get(writersActivity, reader.token()))).as("another user reads the lagging replica")
                    .isEmpty();
            Thread.sleep(3_500);
            assertThat(texts(client.get(writersActivity, writer.token()))).as("after the window, the writer too")
                    .isEmpty();

            databases.onReplica("SELECT pg_wal_replay_resume()");
            awaitOnReplica(replica, "SELECT count(*) FROM activities WHERE author_id = " + writer.id());
            assertThat(texts(client.get(writersActivity, reader.token()))).containsExactly("lagging");

            MeterRegistry meters = instance.getBean(MeterRegistry.class);
            assertThat(meters.get("fitsocial.datasource.reads").tag("target", "replica").counter().count()).isPositive();
            assertThat(meters.get("fitsocial.datasource.reads").tag("reason", "read-your-writes").counter().count())
                    .isPositive();

            databases.stopReplica();
            // a read that takes a pooled replica connection within 250 ms of the replica's last answer
            // is not checked first (and would get a 503, retryable); later ones are
            Thread.sleep(300);
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                ApiResponse read = client.get(writersActivity, reader.token());
                assertThat(read.status()).as("served without the replica").isEqualTo(200);
                assertThat(texts(read)).containsExactly("lagging");
                assertThat((System.nanoTime() - started) / 1_000_000).as("ms for a read without the replica")
                        .isLessThan(3_000);
            }
            assertThat(meters.get("fitsocial.datasource.reads").tag("reason", "replica-unavailable").counter().count())
                    .isPositive();
            assertThat(client.post("/api/v1/social/activity", writer.token(), Map.of("type", "POST", "text", "more"))
                    .status()).isEqualTo(201);
        }
        finally {
            redis.close();
        }
    }

    private TestUser user(JdbcClient primary, String name) {
        long id = primary.sql("INSERT INTO users (email, password_hash, display_name, role) VALUES (?, 'x', ?, 'USER') RETURNING id")
                .params(unique("replica") + "@test.fitsocial.app", name).query(Long.class).single();
        return new TestUser(id, name, tokenFor(id, "USER"));
    }

    private static List<String> texts(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("items").valueStream().map(item -> item.path("text").asString()).toList();
    }

    private static void awaitOnReplica(JdbcClient replica, String countSql) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (replica.sql(countSql).query(Long.class).single() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(replica.sql(countSql).query(Long.class).single()).as("replicated: " + countSql).isPositive();
    }
}
