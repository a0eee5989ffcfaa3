package app.fitsocial.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

/**
 * The mixed workload of BENCHMARK.md against a running service on a generated data set.
 * <p>
 * System properties: {@code bench.baseUrl} (http://localhost:8080), {@code bench.db} (JDBC URL of
 * the data set), {@code bench.clients} (logged-in client users, 200), {@code bench.model}
 * ({@code closed}: {@code bench.concurrency} users back to back for {@code bench.duration};
 * {@code open}: {@code bench.rate} new requests per second for {@code bench.duration}),
 * {@code bench.warmup} (seconds of the same load before the measured phase, named
 * {@code warm-up: ...} and left out of the figures), {@code bench.scrape} (record
 * {@code /actuator/prometheus} every 5 s into this file), {@code bench.sql} (write SQL statements
 * per request kind to this file), {@code bench.kinds} ({@code mixed}, or {@code hello} for the
 * trivial endpoint only).
 * <p>
 * Each virtual user is one request kind (or one pair, such as a class and its rating) by one
 * client drawn Zipf-like; revalidations reuse the last ETag the same client saw.
 */
public class MixedWorkloadSimulation extends Simulation {

    private static final String BASE_URL = System.getProperty("bench.baseUrl", "http://localhost:8080");
    private static final String DB = System.getProperty("bench.db",
            "jdbc:postgresql://127.0.0.1:5432/fitsocial_bench?user=postgres");
    private static final int CLIENTS = Integer.getInteger("bench.clients", 200);
    private static final String MODEL = System.getProperty("bench.model", "closed");
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 32);
    private static final double RATE = Double.parseDouble(System.getProperty("bench.rate", "200"));
    private static final Duration DURATION = Duration.ofSeconds(Integer.getInteger("bench.duration", 60));
    private static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("bench.warmup", 60));
    private static final String KINDS = System.getProperty("bench.kinds", "mixed");
    private static final String SCRAPE = System.getProperty("bench.scrape", "");

    private static BenchData data;
    private static MetricsRecorder recorder;

    @Override
    public void before() {
        try {
            long start = System.nanoTime();
            data = BenchData.load(DB, BASE_URL, CLIENTS, 42);
            System.out.printf("Prepared %d clients, %d users, %d classes in %d ms%n", data.clients.size(),
                    data.users.length, data.classes.length, (System.nanoTime() - start) / 1_000_000);
            if (!SCRAPE.isBlank()) {
                recorder = MetricsRecorder.start(BASE_URL, java.nio.file.Path.of(SCRAPE), Duration.ofSeconds(5));
            }
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not prepare the benchmark: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void after() {
        if (recorder != null) {
            recorder.stop();
        }
        String sqlFile = System.getProperty("bench.sql", "");
        if (!sqlFile.isBlank()) {
            try {
                SqlStatements.write(java.nio.file.Path.of(sqlFile));
            }
            catch (java.io.IOException ex) {
                System.err.println("Could not write the SQL statement counts: " + ex.getMessage());
            }
        }
    }

    private static final HttpProtocolBuilder HTTP = http.baseUrl(BASE_URL)
            .acceptHeader("application/json")
            .acceptEncodingHeader("gzip")
            .contentTypeHeader("application/json")
            .shareConnections()
            .disableCaching()
            .header("Authorization", "Bearer #{token}");

    /** Picks the client and the items of one request. */
    private static Session draw(Session session) {
        BenchData.Client client = data.anyClient();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String filter = random.nextBoolean() ? "provider=" + BenchData.zipf(data.providers)
                : "city=" + BenchData.zipf(data.cities);
        String[] validator = data.lastValidator.get(client.id());
        return session.set("clientId", client.id()).set("token", client.token())
                .set("userId", BenchData.zipf(data.users))
                .set("classId", BenchData.zipf(data.classes))
                .set("upcomingClassId", BenchData.zipf(data.upcomingClasses))
                .set("listing", "/api/v1/classes?from=" + now + "&to=" + now.plus(7, ChronoUnit.DAYS) + "&" + filter)
                .set("recipientId", BenchData.zipf(data.users))
                .set("nextPage", random.nextInt(5) == 0)
                .set("validatedPath", validator == null ? "" : validator[0])
                .set("validator", validator == null ? "" : validator[1]);
    }

    private static Session remember(Session session, String path) {
        String etag = session.getString("etag");
        if (etag != null && !etag.isEmpty()) {
            data.lastValidator.put(session.getLong("clientId"), new String[] {path, etag});
        }
        return session;
    }

    /** A request of one kind, whose status and SQL statement count are recorded in the measured phase. */
    private static ChainBuilder tracked(String kind, HttpRequestActionBuilder request) {
        return exec(request.check(status().saveAs("status"), header("X-Sql-Statements").optional().saveAs("sql")))
                .exec(s -> {
                    if (s.getString("phase").isEmpty() && s.contains("status")) {
                        SqlStatements.record(kind, s.getInt("status"), s.getString("sql"));
                    }
                    return s.remove("sql").remove("status");
                });
    }

    private static HttpRequestActionBuilder get(String name, String path) {
        return http("#{phase}" + name).get(path).check(status().is(200), header("ETag").optional().saveAs("etag"));
    }

    private static ChainBuilder read(String name, String pathAttribute) {
        return exec(tracked(name, get(name, "#{" + pathAttribute + "}"))).exec(s -> remember(s, s.getString(pathAttribute)));
    }

    private static final ChainBuilder FEED = exec(s -> s.set("feedPath", "/api/v1/social/feed").remove("cursor"))
            .exec(tracked("feed", get("feed", "#{feedPath}").check(jsonPath("$.nextCursor").optional().saveAs("cursor"))))
            .exec(s -> remember(s, "/api/v1/social/feed"))
            .doIf(s -> s.getBoolean("nextPage") && s.contains("cursor"))
            .then(tracked("feed page 2", http("#{phase}feed page 2").get("/api/v1/social/feed?cursor=#{cursor}")
                    .check(status().is(200))));

    private static final ChainBuilder PROFILE = exec(s -> s.set("profilePath", "/api/v1/users/" + s.getLong("userId")))
            .exec(read("user profile", "profilePath"));

    private static final ChainBuilder LISTING = read("class listing", "listing");

    private static final ChainBuilder CLASS = exec(s -> s.set("classPath", "/api/v1/classes/" + s.getLong("classId")))
            .exec(read("class detail", "classPath"))
            .exec(tracked("class rating", http("#{phase}class rating").get("/api/v1/classes/#{classId}/rating")
                    .check(status().is(200))));

    private static final ChainBuilder CONVERSATIONS = exec(s -> s.remove("conversationId"))
            .exec(tracked("conversations", http("#{phase}conversations").get("/api/v1/conversations")
                    .check(status().is(200), jsonPath("$.items[0].id").optional().saveAs("conversationId"))))
            .doIf(s -> s.contains("conversationId"))
            .then(tracked("messages", http("#{phase}messages").get("/api/v1/conversations/#{conversationId}/messages")
                    .check(status().is(200))));

    private static final ChainBuilder MATCHES = tracked("matches", http("#{phase}matches").get("/api/v1/matches")
            .check(status().is(200)));

    private static final ChainBuilder REVIEWS = tracked("reviews of a class", http("#{phase}reviews of a class")
            .get("/api/v1/reviews?classId=#{classId}").check(status().is(200)));

    private static final ChainBuilder REVALIDATION = doIfOrElse(s -> !s.getString("validator").isEmpty())
            .then(tracked("revalidation", http("#{phase}revalidation").get("#{validatedPath}")
                    .header("If-None-Match", "#{validator}").check(status().in(200, 304))))
            .orElse(PROFILE);

    private static final ChainBuilder POST_ACTIVITY = tracked("post activity", http("#{phase}post activity")
            .post("/api/v1/social/activity")
            .body(StringBody("{\"type\":\"WORKOUT\",\"text\":\"Bench workout\",\"durationMinutes\":45}"))
            .check(status().is(201)));

    private static final ChainBuilder SEND_MESSAGE = doIf(s -> s.getLong("recipientId") != s.getLong("clientId"))
            .then(tracked("send message", http("#{phase}send message").post("/api/v1/messages/send")
                    .body(StringBody("{\"recipientId\":#{recipientId},\"body\":\"See you at the gym?\"}"))
                    .check(status().is(201))));

    private static final ChainBuilder BOOK_OR_CANCEL = exec(s -> {
        Long open = data.openBooking.remove(s.getLong("clientId"));
        return open == null ? s.remove("bookingId") : s.set("bookingId", open);
    }).doIfOrElse(s -> s.contains("bookingId"))
            .then(tracked("cancel booking", http("#{phase}cancel booking").delete("/api/v1/bookings/#{bookingId}")
                    .check(status().in(204, 404))))
            .orElse(exec(s -> s.remove("newBooking")).exec(tracked("book class", http("#{phase}book class")
                    .post("/api/v1/classes/#{upcomingClassId}/bookings")
                    .check(status().in(201, 409), jsonPath("$.id").optional().saveAs("newBooking"))))
                    .exec(s -> {
                        if (s.contains("newBooking")) {
                            data.openBooking.put(s.getLong("clientId"), Long.parseLong(s.getString("newBooking")));
                        }
                        return s;
                    }));

    private static final ChainBuilder FOLLOW = doIf(s -> s.getLong("userId") != s.getLong("clientId"))
            .then(randomSwitch().on(
                    percent(50).then(tracked("follow", http("#{phase}follow").post("/api/v1/users/#{userId}/follow")
                            .check(status().is(204)))),
                    percent(50).then(tracked("unfollow", http("#{phase}unfollow").delete("/api/v1/users/#{userId}/follow")
                            .check(status().is(204))))));

    private static final ChainBuilder REVIEW = exec(s -> {
        BenchData.Client client = data.clients.stream().filter(c -> c.id() == s.getLong("clientId")).findFirst().orElseThrow();
        synchronized (client) {
            return client.reviewable().isEmpty() ? s.remove("reviewClass")
                    : s.set("reviewClass", client.reviewable().remove(client.reviewable().size() - 1));
        }
    }).doIfOrElse(s -> s.contains("reviewClass"))
            .then(tracked("write review", http("#{phase}write review").post("/api/v1/reviews")
                    .body(StringBody("{\"classId\":#{reviewClass},\"rating\":4,\"text\":\"Good class\"}"))
                    .check(status().in(201, 409))))
            .orElse(REVIEWS);

    private static final ChainBuilder MIXED = exec(MixedWorkloadSimulation::draw).randomSwitch().on(
            percent(25).then(FEED),
            percent(15).then(PROFILE),
            percent(15).then(LISTING),
            percent(10).then(CLASS),
            percent(5).then(CONVERSATIONS),
            percent(5).then(MATCHES),
            percent(5).then(REVIEWS),
            percent(10).then(REVALIDATION),
            percent(3).then(POST_ACTIVITY),
            percent(3).then(SEND_MESSAGE),
            percent(2).then(BOOK_OR_CANCEL),
            percent(1).then(FOLLOW),
            percent(1).then(REVIEW));

    private static final ChainBuilder HELLO = exec(MixedWorkloadSimulation::draw)
            .exec(tracked("hello", http("#{phase}hello").get("/api/v1/hello").check(status().is(200))));

    private static ScenarioBuilder scenario(String name, String phase) {
        return io.gatling.javaapi.core.CoreDsl.scenario(name)
                .exec(s -> s.set("phase", phase))
                .exec("hello".equals(KINDS) ? HELLO : MIXED);
    }

    private static PopulationBuilder load(ScenarioBuilder scenario, Duration duration) {
        if ("open".equals(MODEL)) {
            return scenario.injectOpen(constantUsersPerSec(RATE).during(duration));
        }
        return scenario.injectClosed(constantConcurrentUsers(CONCURRENCY).during(duration));
    }

    /**
     * Open model: the rate climbs from a tenth to the full rate over the first half of the warm-up
     * and holds there for the second half, so that the generator's own cold start (its JIT shares
     * the two cores) does not leave the service a backlog that spills into the measured phase.
     */
    private static PopulationBuilder warmUp(ScenarioBuilder scenario) {
        if ("open".equals(MODEL)) {
            Duration climb = WARMUP.dividedBy(2);
            return scenario.injectOpen(rampUsersPerSec(RATE / 10).to(RATE).during(climb),
                    constantUsersPerSec(RATE).during(WARMUP.minus(climb)));
        }
        return load(scenario, WARMUP);
    }

    {
        List<PopulationBuilder> phases = new java.util.ArrayList<>();
        PopulationBuilder measured = load(scenario("measured", ""), DURATION);
        if (WARMUP.isZero()) {
            phases.add(measured);
        }
        else {
            phases.add(warmUp(scenario("warm-up", "warm-up: ")).andThen(measured));
        }
        setUp(phases).protocols(HTTP).assertions(figures());
    }

    /** The request kinds the report lists, as named in the measured phase. */
    static final List<String> REQUEST_KINDS = "hello".equals(KINDS) ? List.of("hello")
            : List.of("feed", "feed page 2", "user profile", "class listing", "class detail", "class rating",
                    "conversations", "messages", "matches", "reviews of a class", "revalidation", "post activity",
                    "send message", "book class", "cancel booking", "follow", "unfollow", "write review");

    /**
     * Gatling 3.14 keeps its statistics in a binary log; assertions are how they reach a readable
     * form: Gatling prints each with its actual value ({@code feed: 95th percentile of response time
     * ... (actual : 12.0)}), which the report reads. They always hold unless a kind saw no request.
     */
    private static List<io.gatling.javaapi.core.Assertion> figures() {
        List<io.gatling.javaapi.core.Assertion> figures = new java.util.ArrayList<>();
        for (String kind : REQUEST_KINDS) {
            figures.add(details(kind).allRequests().count().gte(0L));
            figures.add(details(kind).failedRequests().count().gte(0L));
            for (double percentile : new double[] {50, 95, 99}) {
                figures.add(details(kind).responseTime().percentile(percentile).gte(0));
            }
            figures.add(details(kind).responseTime().max().gte(0));
        }
        return figures;
    }
}
