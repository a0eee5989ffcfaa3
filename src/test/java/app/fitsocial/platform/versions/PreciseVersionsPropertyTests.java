package app.fitsocial.platform.versions;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import app.fitsocial.AnotherInstance;
import app.fitsocial.ApiClient;
import app.fitsocial.ApiResponse;
import app.fitsocial.PrivateRedis;
import app.fitsocial.platform.security.AccessTokenIssuer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The speed layer checked against a model: random sequences of writes (post, delete with its
 * cascade, comment, like, unlike, follow, unfollow, rename, book, cancel, review) and of plain or
 * conditional reads ({@code If-None-Match}, {@code If-Modified-Since}) by three users, each
 * request sent to one of two instances, with the shared versions dropped and Redis restarted in
 * between. After every step:
 * <ul>
 * <li>a 200 shows exactly what the model says (so every user reads every write the moment it
 * was answered, their own included, on either instance);</li>
 * <li>a 304 is only ever sent for a representation the model says is unchanged since the client
 * got it;</li>
 * <li>no {@code Last-Modified} is later than its {@code Date}, and none goes backwards (a
 * changed representation answered 304 to an old {@code If-Modified-Since} is caught above).</li>
 * </ul>
 * The two instances run on the embedded PostgreSQL of the tests and a Redis of this test's own.
 */
class PreciseVersionsPropertyTests {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private static @Nullable PrivateRedis redis;
    private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private static final List<ApiClient> clients = new ArrayList<>();

    @BeforeContainer
    static void startTwoInstancesOnOneRedis() throws IOException {
        redis = PrivateRedis.start();
        for (int i = 0; i < 2; i++) {
            ConfigurableApplicationContext instance = AnotherInstance.start("--REDIS_URL=" + redis.url(),
                    "--fitsocial.rate-limit.raised[0].name=tests",
                    "--fitsocial.rate-limit.raised[0].addresses=127.0.0.1/32,::1/128",
                    "--fitsocial.jobs.rating-aggregation-interval=-");
            instances.add(instance);
            clients.add(new ApiClient(AnotherInstance.port(instance)));
        }
    }

    @AfterContainer
    static void stop() throws IOException {
        instances.forEach(ConfigurableApplicationContext::close);
        instances.clear();
        clients.clear();
        if (redis != null) {
            redis.close();
        }
    }

    // ---------------------------------------------------------------- the model

    /** One user as the model knows them, and the answers their client keeps (path → answer). */
    static final class User {
        final long id;
        final String token;
        String name;
        final Set<Long> following = new HashSet<>();
        final Map<Long, Long> bookings = new HashMap<>();
        @Nullable Long review;
        final Map<String, Kept> kept = new HashMap<>();

        User(long id, String token, String name) {
            this.id = id;
            this.token = token;
            this.name = name;
        }
    }

    /** An answer a client keeps: what the model says it showed, and its validators. */
    record Kept(Object shown, String etag, @Nullable Instant lastModified) {
    }

    static final class Activity {
        final long id;
        final long author;
        final String text;
        final Set<Long> likers = new HashSet<>();
        int comments;

        Activity(long id, long author, String text) {
            this.id = id;
            this.author = author;
            this.text = text;
        }
    }

    /** Everything the model knows, and the last Last-Modified seen per path (they never go back). */
    static final class World {
        final List<User> users = new ArrayList<>();
        final Map<Long, Activity> activities = new LinkedHashMap<>();
        final long openClass;
        final int capacity = 2;
        final long pastClass;
        final Map<Long, Integer> reviewRatings = new HashMap<>();
        final Map<String, Instant> lastModifiedSeen = new HashMap<>();
        final AtomicInteger names = new AtomicInteger();

        World() {
            JdbcClient jdbc = instances.get(0).getBean(JdbcClient.class);
            AccessTokenIssuer tokens = instances.get(0).getBean(AccessTokenIssuer.class);
            String run = UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < 3; i++) {
                String name = "Model " + run + " " + i;
                long id = jdbc.sql("""
                        INSERT INTO users (email, password_hash, display_name) VALUES (:email, 'x', :name) RETURNING id""")
                        .param("email", "model-" + run + "-" + i + "@test.fitsocial.app").param("name", name)
                        .query(Long.class).single();
                users.add(new User(id, tokens.issue(id, List.of("USER")).value(), name));
            }
            long provider = jdbc.sql("INSERT INTO providers (name, city) VALUES (:n, 'Modelton') RETURNING id")
                    .param("n", "Model Studio " + run).query(Long.class).single();
            openClass = jdbc.sql("""
                    INSERT INTO fitness_classes (provider_id, title, type, datetime, duration_minutes, capacity, city)
                    VALUES (:p, 'Open', 'YOGA', now() + interval '5 days', 60, 2, 'Modelton') RETURNING id""")
                    .param("p", provider).query(Long.class).single();
            pastClass = jdbc.sql("""
                    INSERT INTO fitness_classes (provider_id, title, type, datetime, duration_minutes, capacity, city)
                    VALUES (:p, 'Past', 'YOGA', now() - interval '5 days', 60, 10, 'Modelton') RETURNING id""")
                    .param("p", provider).query(Long.class).single();
            for (User user : users) {
                jdbc.sql("INSERT INTO bookings (user_id, class_id, class_datetime) SELECT :u, id, datetime FROM fitness_classes WHERE id = :c")
                        .param("u", user.id).param("c", pastClass).update();
            }
            jdbc.sql("UPDATE fitness_classes SET booked_count = 3 WHERE id = :c").param("c", pastClass).update();
        }

        User user(int index) {
            return users.get(index);
        }

        /** The n-th readable path: the feed, me, the class, the reviews, the three profiles and activity lists, up to six activities. */
        String path(int n) {
            List<String> paths = new ArrayList<>(List.of("/api/v1/social/feed", "/api/v1/users/me",
                    "/api/v1/classes/" + openClass, "/api/v1/reviews?classId=" + pastClass));
            for (User user : users) {
                paths.add("/api/v1/users/" + user.id);
                paths.add("/api/v1/users/" + user.id + "/activity");
            }
            activities.keySet().stream().sorted(Comparator.reverseOrder()).limit(4)
                    .forEach(id -> paths.add("/api/v1/social/activity/" + id));
            return paths.get(n % paths.size());
        }

        /** The n-th existing activity (newest first), or null when there is none. */
        @Nullable Activity activity(int n) {
            List<Activity> all = new ArrayList<>(activities.values());
            return all.isEmpty() ? null : all.get(all.size() - 1 - n % all.size());
        }

        String nameOf(long id) {
            return users.stream().filter(u -> u.id == id).findFirst().orElseThrow().name;
        }

        /** What {@code path} must show to {@code viewer} now. */
        Object expected(String path, User viewer) {
            if (path.equals("/api/v1/social/feed")) {
                Set<Long> authors = new HashSet<>(viewer.following);
                authors.add(viewer.id);
                return activities.values().stream().filter(a -> authors.contains(a.author))
                        .sorted(Comparator.comparingLong((Activity a) -> a.id).reversed()).limit(10)
                        .map(a -> shown(a, viewer)).toList();
            }
            if (path.equals("/api/v1/users/me")) {
                return profile(viewer);
            }
            if (path.startsWith("/api/v1/users/") && path.endsWith("/activity")) {
                long author = Long.parseLong(path.split("/")[4]);
                return activities.values().stream().filter(a -> a.author == author)
                        .sorted(Comparator.comparingLong((Activity a) -> a.id).reversed()).limit(10)
                        .map(a -> shown(a, viewer)).toList();
            }
            if (path.startsWith("/api/v1/users/")) {
                long id = Long.parseLong(path.substring("/api/v1/users/".length()));
                return profile(users.stream().filter(u -> u.id == id).findFirst().orElseThrow());
            }
            if (path.startsWith("/api/v1/social/activity/")) {
                Activity activity = activities.get(Long.parseLong(path.substring("/api/v1/social/activity/".length())));
                return activity == null ? "gone" : shown(activity, viewer);
            }
            if (path.equals("/api/v1/classes/" + openClass)) {
                return capacity - users.stream().mapToInt(u -> u.bookings.containsKey(openClass) ? 1 : 0).sum();
            }
            if (path.startsWith("/api/v1/reviews?classId=")) {
                return users.stream().filter(u -> u.review != null)
                        .sorted(Comparator.comparingLong((User u) -> u.review).reversed())
                        .map(u -> List.of(u.review, reviewRatings.get(u.review), u.name)).toList();
            }
            throw new IllegalArgumentException(path);
        }

        private List<Object> profile(User user) {
            long followers = users.stream().filter(u -> u.following.contains(user.id)).count();
            return List.of(user.name, followers, (long) user.following.size());
        }

        private List<Object> shown(Activity a, User viewer) {
            return List.of(a.id, a.text, nameOf(a.author), (long) a.likers.size(), (long) a.comments,
                    a.likers.contains(viewer.id));
        }
    }

    /** What a 200's body shows, in the model's terms. */
    private static Object shown(String path, JsonNode body, World world) {
        if (path.equals("/api/v1/social/feed") || path.endsWith("/activity")) {
            List<Object> items = new ArrayList<>();
            body.path("items").forEach(item -> items.add(activity(item)));
            return items;
        }
        if (path.startsWith("/api/v1/users/")) {
            return List.of(body.path("displayName").asString(), body.path("followersCount").asLong(),
                    body.path("followingCount").asLong());
        }
        if (path.startsWith("/api/v1/social/activity/")) {
            return activity(body);
        }
        if (path.equals("/api/v1/classes/" + world.openClass)) {
            return body.path("spotsLeft").asInt();
        }
        List<Object> reviews = new ArrayList<>();
        body.path("items").forEach(r -> reviews.add(List.of(r.path("id").asLong(), r.path("rating").asInt(),
                r.path("author").path("displayName").asString())));
        return reviews;
    }

    private static List<Object> activity(JsonNode item) {
        return List.of(item.path("id").asLong(), item.path("text").asString(),
                item.path("author").path("displayName").asString(), item.path("likesCount").asLong(),
                item.path("commentsCount").asLong(), item.path("likedByMe").asBoolean());
    }

    // ---------------------------------------------------------------- the property

    @Property(tries = 12, seed = "20261130")
    void conditionalReadsAndCachesAreNeverWrong(@ForAll("chains") ActionChain<World> chain) {
        chain.run();
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        return ActionChain.<World>startWith(World::new)
                .withAction(6, new Read())
                .withAction(3, new RevalidateEverything())
                .withAction(2, new Post())
                .withAction(1, new DeleteActivity())
                .withAction(1, new Comment())
                .withAction(2, new Like())
                .withAction(1, new Unlike())
                .withAction(2, new Follow())
                .withAction(1, new Unfollow())
                .withAction(1, new Rename())
                .withAction(1, new Book())
                .withAction(1, new Cancel())
                .withAction(1, new Review())
                .withAction(1, Action.just("drop every version", Transformer.mutate("drop every version",
                        world -> dropVersions())))
                .withAction(1, Action.just("restart Redis", Transformer.mutate("restart Redis",
                        world -> restartRedis())))
                .withMaxTransformations(80);
    }

    private static Arbitrary<Integer> anyUser() {
        return Arbitraries.integers().between(0, 2);
    }

    private static ApiClient on(int instance) {
        return clients.get(instance);
    }

    /**
     * A read of one of the paths, plain or conditional, by one user on one instance. Paths are
     * chosen by position and resolved when the step runs, so a shrunk chain stays meaningful.
     */
    static final class Read implements Action.Independent<World> {

        enum Mode { PLAIN, IF_NONE_MATCH, IF_MODIFIED_SINCE }

        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(anyUser(), Arbitraries.integers().between(0, 13), Arbitraries.of(Mode.class),
                    Arbitraries.integers().between(0, 1)).as((user, path, mode, instance) -> Transformer.mutate(
                    "GET path " + path + " by " + user + " " + mode + " on " + instance,
                    w -> read(w, w.user(user), w.path(path), mode, instance)));
        }

        static void read(World world, User user, String path, Mode mode, int instance) {            Kept kept = user.kept.get(path);
            HttpRequest.Builder request = on(instance).request(path, user.token);
            if (kept != null && mode == Mode.IF_NONE_MATCH) {
                request.header("If-None-Match", kept.etag());
            }
            else if (kept != null && mode == Mode.IF_MODIFIED_SINCE && kept.lastModified() != null) {
                request.header("If-Modified-Since", HTTP_DATE.format(kept.lastModified().atZone(java.time.ZoneOffset.UTC)));
            }
            ApiResponse response = on(instance).send(request);
            Object expected = world.expected(path, user);
            String what = "GET " + path + " by user " + user.id + " (" + mode + ", instance " + instance + ")";
            if ("gone".equals(expected)) {
                assertThat(response.status()).as(what + ": " + response).isEqualTo(404);
                user.kept.remove(path);
                return;
            }
            Instant date = instant(response.header("Date").orElseThrow());
            Instant lastModified = response.header("Last-Modified").map(PreciseVersionsPropertyTests::instant).orElse(null);
            if (lastModified != null) {
                assertThat(lastModified).as(what + ": Last-Modified after Date").isBeforeOrEqualTo(date);
                Instant before = world.lastModifiedSeen.get(path + "|" + user.id);
                if (before != null) {
                    assertThat(lastModified).as(what + ": Last-Modified went back").isAfterOrEqualTo(before);
                }
                world.lastModifiedSeen.put(path + "|" + user.id, lastModified);
            }
            if (response.status() == 304) {
                assertThat(kept).as(what + ": 304 without a condition").isNotNull();
                assertThat(kept.shown()).as(what + ": 304 for a representation that changed").isEqualTo(expected);
                assertThat(response.header("ETag")).as(what).hasValue(kept.etag());
                return;
            }
            assertThat(response.status()).as(what + ": " + response).isEqualTo(200);
            Object shown = shown(path, response.json(), world);
            assertThat(shown).as(what + ": what a 200 shows").isEqualTo(expected);
            user.kept.put(path, new Kept(shown, response.header("ETag").orElseThrow(), lastModified));
        }
    }

    /** Every answer a user's client keeps, revalidated on one instance, each with If-None-Match or If-Modified-Since. */
    static final class RevalidateEverything implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(anyUser(), Arbitraries.of(Read.Mode.IF_NONE_MATCH, Read.Mode.IF_MODIFIED_SINCE),
                    Arbitraries.integers().between(0, 1)).as((user, mode, instance) -> Transformer.mutate(
                    "revalidate everything of " + user + " with " + mode + " on " + instance, world -> {
                        User reader = world.user(user);
                        for (String path : List.copyOf(reader.kept.keySet())) {
                            Read.read(world, reader, path, mode, instance);
                        }
                    }));
        }
    }

    static final class Post implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(anyUser(), Arbitraries.integers().between(0, 1)).as((user, instance) ->
                    Transformer.mutate("post by " + user + " on " + instance, world -> {
                        User author = world.user(user);
                        String text = "post " + UUID.randomUUID().toString().substring(0, 6);
                        ApiResponse response = on(instance).post("/api/v1/social/activity", author.token,
                                Map.of("type", "POST", "text", text));
                        assertThat(response.status()).as(response.toString()).isEqualTo(201);
                        long id = response.json().path("id").asLong();
                        world.activities.put(id, new Activity(id, author.id, text));
                    }));
        }
    }

    static final class DeleteActivity implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 1))
                    .as((n, instance) -> Transformer.mutate("delete activity " + n + " on " + instance, w -> {
                        Activity activity = w.activity(n);
                        if (activity == null) {
                            return;
                        }
                        User author = w.users.stream().filter(u -> u.id == activity.author).findFirst().orElseThrow();
                        assertThat(on(instance).delete("/api/v1/social/activity/" + activity.id, author.token).status())
                                .isEqualTo(204);
                        w.activities.remove(activity.id);
                    }));
        }
    }

    static final class Comment implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(anyUser(), Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 1))
                    .as((user, n, instance) -> Transformer.mutate("comment by " + user + " on activity " + n + " via "
                            + instance, w -> {
                        Activity activity = w.activity(n);
                        if (activity == null) {
                            return;
                        }
                        ApiResponse response = on(instance).post("/api/v1/social/activity/" + activity.id + "/comments",
                                w.user(user).token, Map.of("text", "nice"));
                        assertThat(response.status()).as(response.toString()).isEqualTo(201);
                        activity.comments++;
                    }));
        }
    }

    static final class Like implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(anyUser(), Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 1))
                    .as((user, n, instance) -> Transformer.mutate("like by " + user + " of activity " + n + " via "
                            + instance, w -> {
                        Activity activity = w.activity(n);
                        if (activity == null) {
                            return;
                        }
                        assertThat(on(instance).post("/api/v1/social/activity/" + activity.id + "/likes", w.user(user).token,
                                null).status()).isEqualTo(204);
                        activity.likers.add(w.user(user).id);
                    }));
        }
    }

    static final class Unlike implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(anyUser(), Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 1))
                    .as((user, n, instance) -> Transformer.mutate("unlike by " + user + " of activity " + n + " via "
                            + instance, w -> {
                        Activity activity = w.activity(n);
                        if (activity == null) {
                            return;
                        }
                        assertThat(on(instance).delete("/api/v1/social/activity/" + activity.id + "/likes",
                                w.user(user).token).status()).isEqualTo(204);
                        activity.likers.remove(w.user(user).id);
                    }));
        }
    }

    static final class Follow implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(anyUser(), anyUser(), Arbitraries.integers().between(0, 1))
                    .filter((a, b, instance) -> !Objects.equals(a, b)).as((a, b, instance) -> Transformer.mutate(
                            "follow " + a + " → " + b + " via " + instance, w -> {
                                assertThat(on(instance).post("/api/v1/users/" + w.user(b).id + "/follow", w.user(a).token,
                                        null).status()).isEqualTo(204);
                                w.user(a).following.add(w.user(b).id);
                            }));
        }
    }

    static final class Unfollow implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(anyUser(), anyUser(), Arbitraries.integers().between(0, 1))
                    .filter((a, b, instance) -> !Objects.equals(a, b)).as((a, b, instance) -> Transformer.mutate(
                            "unfollow " + a + " → " + b + " via " + instance, w -> {
                                assertThat(on(instance).delete("/api/v1/users/" + w.user(b).id + "/follow", w.user(a).token)
                                        .status()).isEqualTo(204);
                                w.user(a).following.remove(w.user(b).id);
                            }));
        }
    }

    static final class Rename implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(anyUser(), Arbitraries.integers().between(0, 1)).as((user, instance) ->
                    Transformer.mutate("rename " + user + " via " + instance, w -> {
                        String name = "Renamed " + w.names.incrementAndGet() + " " + UUID.randomUUID().toString().substring(0, 4);
                        ApiResponse response = on(instance).patch("/api/v1/users/me", w.user(user).token,
                                Map.of("displayName", name));
                        assertThat(response.status()).as(response.toString()).isEqualTo(200);
                        w.user(user).name = name;
                    }));
        }
    }

    static final class Book implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(anyUser(), Arbitraries.integers().between(0, 1)).as((user, instance) ->
                    Transformer.mutate("book by " + user + " via " + instance, w -> {
                        User booker = w.user(user);
                        ApiResponse response = on(instance).post("/api/v1/classes/" + w.openClass + "/bookings", booker.token, null);
                        long booked = w.users.stream().filter(u -> u.bookings.containsKey(w.openClass)).count();
                        if (booker.bookings.containsKey(w.openClass) || booked >= w.capacity) {
                            assertThat(response.status()).as(response.toString()).isEqualTo(409);
                        }
                        else {
                            assertThat(response.status()).as(response.toString()).isEqualTo(201);
                            booker.bookings.put(w.openClass, response.json().path("id").asLong());
                        }
                    }));
        }
    }

    static final class Cancel implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(anyUser(), Arbitraries.integers().between(0, 1)).as((user, instance) ->
                    Transformer.mutate("cancel by " + user + " via " + instance, w -> {
                        Long booking = w.user(user).bookings.remove(w.openClass);
                        if (booking != null) {
                            assertThat(on(instance).delete("/api/v1/bookings/" + booking, w.user(user).token).status())
                                    .isEqualTo(204);
                        }
                    }));
        }
    }

    static final class Review implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(anyUser(), Arbitraries.integers().between(1, 5), Arbitraries.integers().between(0, 1))
                    .as((user, rating, instance) -> Transformer.mutate("review " + rating + " by " + user + " via " + instance,
                            w -> {
                                User author = w.user(user);
                                ApiResponse response = author.review == null
                                        ? on(instance).post("/api/v1/reviews", author.token,
                                                Map.of("classId", w.pastClass, "rating", rating))
                                        : on(instance).put("/api/v1/reviews/" + author.review, author.token,
                                                Map.of("rating", rating));
                                assertThat(response.status()).as(response.toString()).isBetween(200, 201);
                                author.review = response.json().path("id").asLong();
                                w.reviewRatings.put(author.review, rating);
                            }));
        }
    }

    // ---------------------------------------------------------------- faults

    private static void dropVersions() {
        StringRedisTemplate template = instances.get(0).getBean(StringRedisTemplate.class);
        var keys = template.keys("fitsocial:v2:version:*");
        if (keys != null && !keys.isEmpty()) {
            template.delete(keys);
        }
    }

    private static void restartRedis() {
        try {
            redis.stop();
            redis.restart();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        // the instances reconnect on their own; wait until both use Redis again
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        for (ConfigurableApplicationContext instance : instances) {
            StringRedisTemplate template = instance.getBean(StringRedisTemplate.class);
            while (System.nanoTime() < deadline) {
                try {
                    template.hasKey("ping");
                    break;
                }
                catch (RuntimeException notYet) {
                    try {
                        Thread.sleep(50);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private static Instant instant(String httpDate) {
        return ZonedDateTime.parse(httpDate, HTTP_DATE).toInstant();
    }
}
