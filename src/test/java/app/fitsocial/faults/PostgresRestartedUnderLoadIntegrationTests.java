package app.fitsocial.faults;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.FileSystemUtils;

import app.fitsocial.AnotherInstance;
import app.fitsocial.ApiClient;
import app.fitsocial.ApiResponse;
import app.fitsocial.FreePorts;
import app.fitsocial.IntegrationTestSupport;
import app.fitsocial.LoadGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stopped for eight seconds in the middle of steady load and started again on the same
 * data: meanwhile requests are answered quickly (from the caches, or with a 503 problem after the
 * pool's bounded wait), threads do not pile up, the service recovers by itself, and every post
 * that was acknowledged with a 201 is in the database afterwards.
 */
class PostgresRestartedUnderLoadIntegrationTests extends IntegrationTestSupport {

    @Test
    void loadSurvivesAPostgresRestartAndNoAcknowledgedWriteIsLost() throws Exception {
        Path dataDir = Files.createTempDirectory("fitsocial-fault-pg-");
        int pgPort = FreePorts.any();
        EmbeddedPostgres postgres = start(dataDir, pgPort);
        String url = postgres.getJdbcUrl("postgres", "postgres");
        try (ConfigurableApplicationContext instance = AnotherInstance.start("--DATABASE_URL=" + url,
                "--fitsocial.rate-limit.raised[0].name=tests", "--fitsocial.rate-limit.raised[0].addresses=127.0.0.1/32,::1/128")) {
            ApiClient client = new ApiClient(AnotherInstance.port(instance));
            JdbcClient database = JdbcClient.create(new DriverManagerDataSource(url, "postgres", ""));
            List<TestUser> users = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                long id = database.sql("INSERT INTO users (email, password_hash, display_name, role) VALUES (?, 'x', ?, 'USER') RETURNING id")
                        .params(unique("fault") + "@test.fitsocial.app", "Fault " + i).query(Long.class).single();
                users.add(new TestUser(id, "fault" + id, tokenFor(id, "USER")));
            }
            long provider = database.sql("INSERT INTO providers (name, city) VALUES ('Fault gym', 'Faultville') RETURNING id")
                    .query(Long.class).single();
            long classId = database.sql("""
                    INSERT INTO fitness_classes (provider_id, title, type, datetime, duration_minutes, capacity, city)
                    VALUES (?, 'Fault class', 'HIIT', ?, 60, 20, 'Faultville') RETURNING id""")
                    .params(provider, OffsetDateTime.ofInstant(Instant.now().plus(3, ChronoUnit.DAYS), ZoneOffset.UTC))
                    .query(Long.class).single();
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

            long stoppedAt;
            long restartedAt;
            long end;
            int threadsDuring;
            LoadGenerator load = new LoadGenerator(client, users, classId, 6);
            try {
                Thread.sleep(6_000);
                stoppedAt = load.now();
                postgres.close();
                Thread.sleep(8_000);
                threadsDuring = ManagementFactory.getThreadMXBean().getThreadCount();
                restartedAt = load.now();
                postgres = start(dataDir, pgPort);
                Thread.sleep(15_000);
                end = load.now();
            }
            finally {
                load.close();
            }
            // requests in flight when the server stopped belong to the outage
            LoadGenerator.Window before = load.window(0, stoppedAt - 500);
            LoadGenerator.Window outage = load.window(stoppedAt - 500, restartedAt);
            LoadGenerator.Window after = load.window(restartedAt, end);
            Long lastFailure = after.lastFailureMillis();
            double recoverySeconds = lastFailure == null ? 0 : (lastFailure - restartedAt) / 1000.0;

            List<LoadGenerator.Write> acknowledged = load.acknowledged();
            Map<Long, String> stored = database.sql("SELECT id, text FROM activities WHERE id = ANY(?)")
                    .param(acknowledged.stream().map(LoadGenerator.Write::id).toArray(Long[]::new))
                    .query((row, n) -> Map.entry(row.getLong("id"), row.getString("text"))).list().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            long lost = acknowledged.stream().filter(write -> !write.text().equals(stored.get(write.id()))).count();
            FaultReport.record("PostgreSQL stopped for 8 s under load (6 clients), then restarted", "before: " + before
                    + "; during: " + outage + "; after the restart: " + after + "; recovered " + recoverySeconds
                    + " s after the restart; threads " + threadsBefore + " before, " + threadsDuring + " during"
                    + "; acknowledged posts: " + acknowledged.size() + ", lost: " + lost);

            assertThat(lost).as("acknowledged writes missing afterwards").isZero();
            assertThat(acknowledged).hasSizeGreaterThan(50);
            assertThat(outage.requests()).isGreaterThan(20);
            assertThat(outage.serverErrors() - outage.status(503)).as("errors other than 503 during the outage").isZero();
            assertThat(outage.noAnswer()).as("requests without an answer during the outage").isZero();
            assertThat(outage.maxMillis()).as("slowest request during the outage (ms)").isLessThan(5_000);
            assertThat(threadsDuring - threadsBefore).as("threads added during the outage").isLessThan(40);
            assertThat(before.failed()).isZero();
            assertThat(recoverySeconds).as("seconds from the restart to the last failed request").isLessThan(10);
            // and the service is whole again: reads and writes succeed
            ApiResponse post = client.post("/api/v1/social/activity", users.get(0).token(), Map.of("type", "POST", "text", "after"));
            assertThat(post.status()).isEqualTo(201);
        }
        finally {
            postgres.close();
            FileSystemUtils.deleteRecursively(dataDir);
        }
    }

    private static EmbeddedPostgres start(Path dataDir, int port) throws java.io.IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60)).setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "off").start();
    }
}
