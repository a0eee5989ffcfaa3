package app.fitsocial.faults;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpServer;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import app.fitsocial.ApiClient;
import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance killed with SIGKILL while it has work in hand: messages it acknowledged whose
 * notifications were not created yet (a backlog made on purpose with a one-thread event executor).
 * The event publication registry still holds that work, and the instance that starts in its place
 * delivers it: every acknowledged message ends with its notification, none twice, and every job
 * queued through it runs to success. A job the killed instance was running is run again by the
 * surviving instance once the dead one's heartbeat is missed.
 */
class InstanceKilledIntegrationTests extends IntegrationTestSupport {

    @Autowired
    private JdbcConnectionDetails database;

    @Autowired
    private LettuceConnectionFactory redis;

    @Autowired
    private BackgroundJobServer backgroundJobServer;

    @Autowired
    private JobScheduler jobScheduler;

    private Map<String, String> environment() {
        Map<String, String> environment = ServiceProcess.sharing(database, redis);
        // module events are handled on one thread, so that a backlog builds up under load
        environment.put("SPRING_TASK_EXECUTION_POOL_CORE_SIZE", "1");
        environment.put("SPRING_TASK_EXECUTION_POOL_MAX_SIZE", "1");
        environment.put("SPRING_THREADS_VIRTUAL_ENABLED", "false");
        return environment;
    }

    @Test
    void workOfAKilledInstanceIsDoneByTheInstanceStartedInItsPlace() throws Exception {
        Map<String, String> environment = environment();
        List<TestUser[]> pairs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pairs.add(new TestUser[] { newUser(), newUser() });
        }
        Queue<long[]> acknowledged = new ConcurrentLinkedQueue<>(); // message id, recipient id
        List<String> jobs = new ArrayList<>();
        long outstandingAtKill;
        try (ServiceProcess doomed = ServiceProcess.start("killed", environment)) {
            ApiClient client = new ApiClient(doomed.port());
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService senders = Executors.newFixedThreadPool(pairs.size());
            for (TestUser[] pair : pairs) {
                senders.submit(() -> {
                    int n = 0;
                    while (running.get()) {
                        try {
                            ApiResponse sent = client.post("/api/v1/messages/send", pair[0].token(),
                                    Map.of("recipientId", pair[1].id(), "body", "before the crash " + n++));
                            if (sent.status() == 201) {
                                acknowledged.add(new long[] { sent.json().path("id").asLong(), pair[1].id() });
                            }
                        }
                        catch (RuntimeException connectionLost) {
                            return;
                        }
                    }
                });
            }
            Thread.sleep(5_000);
            // jobs queued through the doomed instance just before it dies: acknowledged with their ids
            String admin = newUser("ADMIN").token();
            for (int i = 0; i < 3; i++) {
                ApiResponse queued = client.post("/api/v1/admin/jobs/rating-aggregation", admin, null);
                assertThat(queued.status()).as(queued.toString()).isEqualTo(202);
                jobs.add(queued.json().path("jobId").asString());
            }
            doomed.kill();
            running.set(false);
            senders.shutdown();
            senders.awaitTermination(30, TimeUnit.SECONDS);
            outstandingAtKill = jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL")
                    .query(Long.class).single();
        }
        long missingAfterKill = missing(acknowledged);

        long notificationsDoneIn = -1;
        long jobsDoneIn = -1;
        try (ServiceProcess replacement = ServiceProcess.start("replacement", environment)) {
            long started = System.nanoTime();
            // a job the killed instance had claimed is given back when its heartbeat is missed (4 polls of 5 s)
            long deadline = started + 90_000_000_000L;
            while ((notificationsDoneIn < 0 || jobsDoneIn < 0) && System.nanoTime() < deadline) {
                long elapsed = (System.nanoTime() - started) / 1_000_000;
                if (notificationsDoneIn < 0 && missing(acknowledged) == 0) {
                    notificationsDoneIn = elapsed;
                }
                if (jobsDoneIn < 0 && unfinished(jobs) == 0) {
                    jobsDoneIn = elapsed;
                }
                Thread.sleep(250);
            }
        }
        long missingAtEnd = missing(acknowledged);
        long jobsUnfinished = unfinished(jobs);
        long duplicates = jdbc.sql("""
                SELECT count(*) - count(DISTINCT source_key) FROM notifications WHERE source_key = ANY(?)""")
                .param(acknowledged.stream().map(a -> "message:" + a[0] + ":" + a[1]).toArray(String[]::new))
                .query(Long.class).single();
        FaultReport.record("instance killed (SIGKILL) with module events in hand", acknowledged.size()
                + " messages acknowledged; " + outstandingAtKill + " event publications outstanding and " + missingAfterKill
                + " notifications missing right after the kill; all delivered " + notificationsDoneIn
                + " ms after the replacement was ready; missing at the end: " + missingAtEnd + ", duplicates: " + duplicates
                + "; jobs queued through it just before the kill: " + jobs.size() + ", all succeeded " + jobsDoneIn
                + " ms after the replacement was ready, unfinished at the end: " + jobsUnfinished);

        assertThat(acknowledged).hasSizeGreaterThan(20);
        assertThat(missingAtEnd).as("acknowledged messages without their notification").isZero();
        assertThat(duplicates).isZero();
        assertThat(jobsUnfinished).as("acknowledged jobs that never succeeded").isZero();
    }

    @Test
    void aJobInProgressOnAKilledInstanceIsRunAgainByAnother() throws Exception {
        // the doomed instance delivers notifications to a receiver that takes 8 s to answer, so
        // its delivery job is still running when it is killed
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            try {
                Thread.sleep(8_000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.start();
        Map<String, String> environment = environment();
        environment.put("FITSOCIAL_JOBS_NOTIFICATION_DELIVERY_INTERVAL", "PT5S");
        environment.put("NOTIFICATIONS_WEBHOOK_URL", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        // this instance's job server pauses, so that the doomed one runs the job
        backgroundJobServer.pauseProcessing();
        String jobId = null;
        long killedAt;
        try {
            try (ServiceProcess doomed = ServiceProcess.start("killed-with-a-job", environment)) {
                follow(newUser(), newUser()); // something to deliver
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (jobId == null && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                    jobId = jdbc.sql("""
                            SELECT id FROM jobrunr_jobs WHERE recurringjobid = 'notification-delivery' AND state = 'PROCESSING'""")
                            .query(String.class).optional().orElse(null);
                }
                assertThat(jobId).as("a delivery run in progress on the doomed instance").isNotNull();
                doomed.kill();
                killedAt = System.nanoTime();
            }
            finally {
                backgroundJobServer.resumeProcessing();
            }
            long deadline = killedAt + 120_000_000_000L;
            while (!"SUCCEEDED".equals(state(jobId)) && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            long seconds = (System.nanoTime() - killedAt) / 1_000_000_000L;
            FaultReport.record("instance killed (SIGKILL) while running a job", "the notification delivery run it had in "
                    + "progress ended " + state(jobId) + " " + seconds + " s after the kill, run again by the surviving instance");
            assertThat(state(jobId)).isEqualTo("SUCCEEDED");
        }
        finally {
            // the doomed instance scheduled the delivery job in the shared job storage; the tests run it themselves
            jobScheduler.deleteRecurringJob("notification-delivery");
            receiver.stop(0);
        }
    }

    private @org.jspecify.annotations.Nullable String state(String jobId) {
        return jdbc.sql("SELECT state FROM jobrunr_jobs WHERE id = ?").param(jobId).query(String.class).optional()
                .orElse(null);
    }

    private long unfinished(List<String> jobIds) {
        return jobIds.stream().filter(id -> !"SUCCEEDED".equals(jdbc.sql("SELECT state FROM jobrunr_jobs WHERE id = ?")
                .param(id).query(String.class).optional().orElse(null))).count();
    }

    private long missing(Queue<long[]> acknowledged) {
        String[] keys = acknowledged.stream().map(a -> "message:" + a[0] + ":" + a[1]).toArray(String[]::new);
        long found = jdbc.sql("SELECT count(*) FROM notifications WHERE source_key = ANY(?)").param(keys)
                .query(Long.class).single();
        return keys.length - found;
    }
}
