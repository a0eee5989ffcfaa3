package app.fitsocial;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * Steady load for the fault tests: a few clients back to back, each request a feed read, a
 * profile read, a class read or a post, and every outcome recorded with its time. Posts that got
 * a 201 are the acknowledged writes, to be looked for in the database afterwards.
 */
public final class LoadGenerator implements AutoCloseable {

    /** One request: when it started (ms since the load started), how long it took, and its status (0: no answer). */
    public record Outcome(long startMillis, long millis, String kind, int status) {

        boolean failed() {
            return status == 0 || status >= 500;
        }
    }

    /** An acknowledged post: its id and its text. */
    public record Write(long id, String text) {
    }

    private final ApiClient client;
    private final List<IntegrationTestSupport.TestUser> users;
    private final long classId;
    private final long start = System.nanoTime();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sequence = new AtomicLong();
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final Queue<Write> acknowledged = new ConcurrentLinkedQueue<>();
    private final ExecutorService clients;

    public LoadGenerator(ApiClient client, List<IntegrationTestSupport.TestUser> users, long classId, int concurrency) {
        this.client = client;
        this.users = users;
        this.classId = classId;
        this.clients = Executors.newFixedThreadPool(concurrency);
        for (int i = 0; i < concurrency; i++) {
            clients.submit(this::loop);
        }
    }

    /** Milliseconds since the load started. */
    public long now() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void loop() {
        while (running.get()) {
            IntegrationTestSupport.TestUser user = users.get(ThreadLocalRandom.current().nextInt(users.size()));
            int pick = ThreadLocalRandom.current().nextInt(10);
            long began = now();
            String kind;
            int status;
            try {
                if (pick < 3) {
                    kind = "feed";
                    status = client.get("/api/v1/social/feed", user.token()).status();
                }
                else if (pick < 5) {
                    kind = "profile";
                    status = client.get("/api/v1/users/" + users.get(0).id(), user.token()).status();
                }
                else if (pick < 7) {
                    kind = "class";
                    status = client.get("/api/v1/classes/" + classId, user.token()).status();
                }
                else {
                    kind = "post";
                    String text = "load " + sequence.incrementAndGet() + " " + began;
                    ApiResponse response = client.post("/api/v1/social/activity", user.token(),
                            Map.of("type", "POST", "text", text));
                    status = response.status();
                    if (status == 201) {
                        acknowledged.add(new Write(response.json().path("id").asLong(), text));
                    }
                }
            }
            catch (UncheckedIOException | IllegalStateException noAnswer) {
                kind = "no answer";
                status = 0;
            }
            outcomes.add(new Outcome(began, now() - began, kind, status));
        }
    }

    /** Stops the clients, letting the requests in flight finish. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        clients.shutdown();
        clients.awaitTermination(60, TimeUnit.SECONDS);
    }

    public List<Outcome> outcomes() {
        return new ArrayList<>(outcomes);
    }

    public List<Write> acknowledged() {
        return new ArrayList<>(acknowledged);
    }

    /** The outcomes of requests started within [from, to) ms. */
    public Window window(long fromMillis, long toMillis) {
        return new Window(outcomes.stream().filter(o -> o.startMillis() >= fromMillis && o.startMillis() < toMillis).toList());
    }

    /** Figures over some outcomes. */
    public record Window(List<Outcome> outcomes) {

        public long requests() {
            return outcomes.size();
        }

        public long status(int status) {
            return outcomes.stream().filter(o -> o.status() == status).count();
        }

        public long serverErrors() {
            return outcomes.stream().filter(o -> o.status() >= 500).count();
        }

        public long noAnswer() {
            return status(0);
        }

        public long failed() {
            return outcomes.stream().filter(Outcome::failed).count();
        }

        public long maxMillis() {
            return outcomes.stream().mapToLong(Outcome::millis).max().orElse(0);
        }

        public long percentileMillis(double percentile) {
            long[] sorted = outcomes.stream().mapToLong(Outcome::millis).sorted().toArray();
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(percentile / 100 * sorted.length) - 1)];
        }

        /** When the last failed request of the window started (ms since the load started), if any failed. */
        public @Nullable Long lastFailureMillis() {
            java.util.OptionalLong last = outcomes.stream().filter(Outcome::failed).mapToLong(Outcome::startMillis).max();
            return last.isPresent() ? last.getAsLong() : null;
        }

        @Override
        public String toString() {
            return requests() + " requests, " + serverErrors() + " 5xx (" + status(503) + " of them 503), " + noAnswer()
                    + " without an answer, p99 " + percentileMillis(99) + " ms, max " + maxMillis() + " ms";
        }
    }
}
