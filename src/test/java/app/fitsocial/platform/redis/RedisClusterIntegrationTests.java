package app.fitsocial.platform.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import app.fitsocial.AnotherInstance;
import app.fitsocial.ApiClient;
import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;
import app.fitsocial.LoadGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on a Redis Cluster of three masters and three replicas (REDIS_URL
 * {@code redis-cluster://...}): rate limits shared and exact across them, cache invalidation
 * crossing from one to the other, feeds pushed through one and read through the other and
 * repaired by the feed regeneration job, and a master killed under load, its replica taking over
 * without a restart of the service.
 */
class RedisClusterIntegrationTests extends IntegrationTestSupport {

    @Autowired
    private BackgroundJobServer backgroundJobServer;

    @Autowired
    private JobScheduler jobScheduler;

    @Test
    void twoInstancesShareTheClusterAndSurviveAMasterFailover() throws Exception {
        List<TestUser> loadUsers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            loadUsers.add(newUser());
        }
        String loadUserIds = loadUsers.get(0).id() + "-" + loadUsers.get(loadUsers.size() - 1).id();
        backgroundJobServer.pauseProcessing();
        try (RedisClusterServers cluster = RedisClusterServers.start()) {
            String[] args = { "--REDIS_URL=" + cluster.url(), "--fitsocial.observability.sql-count-header=true",
                    // the feed regeneration runs on the cluster too (this instance's job server pauses meanwhile)
                    "--fitsocial.jobs.feed-regeneration-interval=PT5S",
                    // real limits for everyone but the load generator's users
                    "--fitsocial.rate-limit.raised[0].name=load", "--fitsocial.rate-limit.raised[0].user-ids=" + loadUserIds };
            try (ConfigurableApplicationContext first = AnotherInstance.start(args);
                    ConfigurableApplicationContext second = AnotherInstance.start(args)) {
                ApiClient a = new ApiClient(AnotherInstance.port(first));
                ApiClient b = new ApiClient(AnotherInstance.port(second));

                // one user's message budget (20 a minute) is spent on both instances together, exactly
                TestUser sender = newUser();
                for (int i = 0; i < 10; i++) {
                    assertThat(a.post("/api/v1/messages/send", sender.token(), Map.of()).status()).isEqualTo(400);
                    assertThat(b.post("/api/v1/messages/send", sender.token(), Map.of()).status()).isEqualTo(400);
                }
                assertProblem(a.post("/api/v1/messages/send", sender.token(), Map.of()), 429, "rate-limited");
                assertProblem(b.post("/api/v1/messages/send", sender.token(), Map.of()), 429, "rate-limited");

                // a profile cached on the first instance is invalidated by a change through the second
                TestUser profile = newUser();
                TestUser viewer = newUser();
                a.get("/api/v1/users/" + profile.id(), viewer.token());
                assertThat(sqlStatementsOf(a.get("/api/v1/users/" + profile.id(), viewer.token()))).as("cached").isZero();
                assertThat(b.patch("/api/v1/users/me", profile.token(), Map.of("displayName", "Renamed on b")).status())
                        .isEqualTo(200);
                // the invalidation crosses by pub/sub, so it arrives shortly after the write, as between
                // instances on a single Redis (TwoInstancesCachingIntegrationTests allows the same 2 s)
                long invalidationDeadline = System.nanoTime() + 2_000_000_000L;
                String name = a.get("/api/v1/users/" + profile.id(), viewer.token()).json().path("displayName").asString();
                while (!"Renamed on b".equals(name) && System.nanoTime() < invalidationDeadline) {
                    Thread.sleep(50);
                    name = a.get("/api/v1/users/" + profile.id(), viewer.token()).json().path("displayName").asString();
                }
                assertThat(name).isEqualTo("Renamed on b");

                // a post pushed through one instance is in the follower's timeline read through the other
                TestUser author = newUser();
                TestUser follower = newUser();
                assertThat(a.post("/api/v1/users/" + author.id() + "/follow", follower.token(), null).status()).isEqualTo(204);
                b.get("/api/v1/social/feed", follower.token());
                ApiResponse pushed = a.post("/api/v1/social/activity", author.token(),
                        Map.of("type", "POST", "text", "on the cluster"));
                assertThat(pushed.status()).isEqualTo(201);
                assertThat(b.get("/api/v1/social/feed", follower.token()).body()).contains("on the cluster");

                // a push lost from the timeline is repaired by the feed regeneration job, run on the cluster
                String timeline = "fitsocial:v2:feed:" + follower.id();
                String postId = pushed.json().path("id").asString();
                Long removed = cluster.onCluster(commands -> commands.zrem(timeline, postId));
                assertThat(removed).isEqualTo(1L);
                long repairDeadline = System.nanoTime() + 30_000_000_000L;
                while (cluster.onCluster(commands -> commands.zscore(timeline, postId)) == null
                        && System.nanoTime() < repairDeadline) {
                    Thread.sleep(250);
                }
                Double repaired = cluster.onCluster(commands -> commands.zscore(timeline, postId));
                assertThat(repaired).as("put back by the feed regeneration").isNotNull();

                // a master dies under load; its replica takes over
                long classId = newClass(newProvider(null, "Clustertown"), inDays(3), 20);
                MeterRegistry meters = first.getBean(MeterRegistry.class);
                LoadGenerator load = new LoadGenerator(a, loadUsers, classId, 4);
                long killedAt;
                long promotedAt = -1;
                long end;
                try {
                    Thread.sleep(4_000);
                    killedAt = load.now();
                    cluster.stopFirstMaster();
                    long deadline = System.nanoTime() + 30_000_000_000L;
                    while (!cluster.firstReplicaPromoted() && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                    promotedAt = cluster.firstReplicaPromoted() ? load.now() : -1;
                    Thread.sleep(8_000);
                    end = load.now();
                }
                finally {
                    load.close();
                }
                LoadGenerator.Window before = load.window(0, killedAt);
                LoadGenerator.Window failover = load.window(killedAt, promotedAt < 0 ? end : promotedAt);
                LoadGenerator.Window after = load.window(promotedAt < 0 ? end : promotedAt, end);
                double fallbacks = meters.get("fitsocial.ratelimit.fallbacks").counter().count();
                app.fitsocial.faults.FaultReport.record("Redis Cluster master killed under load (4 clients)",
                        "replica promoted " + (promotedAt - killedAt) + " ms after the kill; before: " + before
                                + "; until the promotion: " + failover + "; after: " + after
                                + "; requests limited in memory meanwhile: " + (long) fallbacks);
                assertThat(promotedAt).as("the replica took over").isPositive();
                assertThat(failover.failed() + after.failed()).as("failed requests during and after the failover").isZero();
                assertThat(failover.maxMillis()).as("slowest request during the failover (ms)").isLessThan(3_000);

                // the cluster serves again: cached reads take no SQL, the limiter is back on Redis
                long deadline = System.nanoTime() + 20_000_000_000L;
                long statements = -1;
                while (statements != 0 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    statements = sqlStatementsOf(a.get("/api/v1/classes/" + classId, loadUsers.get(0).token()));
                }
                assertThat(statements).as("served from the cache again").isZero();
                double settled = meters.get("fitsocial.ratelimit.fallbacks").counter().count();
                ApiResponse again = a.get("/api/v1/classes/" + classId, loadUsers.get(0).token());
                assertThat(again.status()).isEqualTo(200);
                assertThat(meters.get("fitsocial.ratelimit.fallbacks").counter().count()).isEqualTo(settled);
            }
        }
        finally {
            // the instances scheduled the job in the shared job storage; the tests run it themselves
            jobScheduler.deleteRecurringJob("feed-regeneration");
            backgroundJobServer.resumeProcessing();
        }
    }
}
