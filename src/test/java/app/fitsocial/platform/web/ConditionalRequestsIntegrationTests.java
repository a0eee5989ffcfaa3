package app.fitsocial.platform.web;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditional requests over real HTTP: version tags answered 304 without SQL while the resource
 * keeps its version and never after a change, content tags on everything else, Last-Modified
 * never later than Date and never backwards, a full answer whenever the version is unknown,
 * per-user tags, and RFC 9110 preconditions on every kind of write.
 */
class ConditionalRequestsIntegrationTests extends IntegrationTestSupport {

    /** Headers a 304 must repeat from its 200 (RFC 9110 section 15.4.5), plus the service's own. */
    private static final Set<String> REPEATED = Set.of("etag", "last-modified", "cache-control", "vary",
            "ratelimit-policy", "x-ratelimit-limit");

    @Autowired
    private StringRedisTemplate redis;

    @Test
    void revalidatesAVersionTaggedResourceWithoutTouchingTheDatabase() throws InterruptedException {
        long classId = newClass(newProvider(null, "Etagville"), inDays(5), 10);
        String path = "/api/v1/classes/" + classId;
        api().get(path, null);
        // a version first recorded now is dated the next second: wait for it to be in the past
        Thread.sleep(1100);
        ApiResponse first = api().get(path, null);
        assertThat(first.status()).isEqualTo(200);
        String etag = first.header("ETag").orElseThrow();
        assertThat(etag).startsWith("W/\"v");
        assertThat(first.header("Cache-Control")).hasValue("private, no-cache");
        String lastModified = first.header("Last-Modified").orElseThrow();
        assertThat(date(lastModified)).isBeforeOrEqualTo(date(first.header("Date").orElseThrow()));

        ApiResponse revalidated = conditional(path, null, "If-None-Match", etag);
        assertThat(revalidated.status()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(revalidated.header("X-Sql-Statements")).hasValue("0");
        assertThat(repeated(revalidated)).isEqualTo(repeated(first));

        ApiResponse byDate = conditional(path, null, "If-Modified-Since", lastModified);
        assertThat(byDate.status()).isEqualTo(304);
        assertThat(byDate.header("X-Sql-Statements")).hasValue("0");

        String anHourAgo = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().minusSeconds(3600).atOffset(ZoneOffset.UTC));
        assertThat(conditional(path, null, "If-Modified-Since", anHourAgo).status()).isEqualTo(200);
    }

    @Test
    void everyVersionTaggedEndpointRevalidatesWithoutSql() {
        TestUser user = newUser();
        long provider = newProvider(null, "Etagville");
        long classId = newClass(provider, inDays(5), 10);
        long group = api().post("/api/v1/groups", user.token(), Map.of("name", unique("Tagged"))).json().path("id").asLong();
        for (String path : List.of("/api/v1/users/me", "/api/v1/users/" + user.id(), "/api/v1/classes/" + classId,
                "/api/v1/classes/" + classId + "/rating", "/api/v1/providers/" + provider,
                "/api/v1/providers/" + provider + "/rating", "/api/v1/groups/" + group)) {
            ApiResponse first = api().get(path, user.token());
            assertThat(first.status()).as(path).isEqualTo(200);
            ApiResponse again = conditional(path, user.token(), "If-None-Match", first.header("ETag").orElseThrow());
            assertThat(again.status()).as(path).isEqualTo(304);
            assertThat(again.header("X-Sql-Statements")).as(path).hasValue("0");
        }
    }

    @Test
    void headAnswersLikeGetWithoutTheBody() {
        long classId = newClass(newProvider(null, "Etagville"), inDays(5), 10);
        ApiResponse get = api().get("/api/v1/classes/" + classId, null);
        ApiResponse head = api().send(api().request("/api/v1/classes/" + classId, null)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.status()).as(head.toString()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("ETag")).isEqualTo(get.header("ETag"));
        assertThat(head.header("Content-Length")).isEqualTo(get.header("Content-Length"));
    }

    @Test
    void acceptsTagListsTheWildcardTheStrongFormAndEveryFieldLine() {
        long classId = newClass(newProvider(null, "Etagville"), inDays(5), 10);
        String path = "/api/v1/classes/" + classId;
        String etag = api().get(path, null).header("ETag").orElseThrow();
        String strong = etag.substring(2);

        assertThat(conditional(path, null, "If-None-Match", "\"other\", " + etag).status()).isEqualTo(304);
        assertThat(conditional(path, null, "If-None-Match", "*").status()).isEqualTo(304);
        assertThat(conditional(path, null, "If-None-Match", strong).status()).isEqualTo(304);
        assertThat(api().send(api().request(path, null).header("If-None-Match", "\"other\"")
                .header("If-None-Match", etag)).status()).as("the tag in a second field line").isEqualTo(304);
        assertThat(conditional(path, null, "If-None-Match", "\"other\"").status()).isEqualTo(200);
        assertThat(api().send(api().request(path, null)
                .header("If-None-Match", "\"other\"")
                .header("If-Modified-Since", DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now()
                        .atOffset(ZoneOffset.UTC)))).status()).as("If-None-Match decides when both are sent").isEqualTo(200);
        assertThat(conditional(path, null, "If-Match", "\"other\"").status()).as("If-Match on a GET").isEqualTo(412);
        assertThat(conditional(path, null, "If-Match", etag).status()).isEqualTo(200);
    }

    @Test
    void neverAnswers304AfterTheDataChanged() {
        long classId = newClass(newProvider(null, "Etagville"), inDays(5), 10);
        String path = "/api/v1/classes/" + classId;
        ApiResponse before = api().get(path, null);
        String etag = before.header("ETag").orElseThrow();
        String lastModified = before.header("Last-Modified").orElseThrow();

        TestUser booker = newUser();
        assertThat(api().post(path + "/bookings", booker.token(), null).status()).isEqualTo(201);

        ApiResponse after = conditional(path, null, "If-None-Match", etag);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().path("spotsLeft").asInt()).isEqualTo(before.json().path("spotsLeft").asInt() - 1);
        assertThat(after.header("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));
        assertThat(conditional(path, null, "If-Modified-Since", lastModified).status())
                .as("a change within the same second still counts").isEqualTo(200);
        assertThat(conditional(path, null, "If-None-Match", after.header("ETag").orElseThrow()).status()).isEqualTo(304);
    }

    @Test
    void aVersionLostFromRedisGivesFullAnswersNeverA304OfStaleDataAndNoLastModifiedGoingBack() {
        long classId = newClass(newProvider(null, "Etagville"), inDays(5), 10);
        String path = "/api/v1/classes/" + classId;
        ApiResponse first = api().get(path, null);
        String etag = first.header("ETag").orElseThrow();
        Instant lastModified = date(first.header("Last-Modified").orElseThrow());

        redis.delete("fitsocial:v2:version:class:" + classId);
        ApiResponse unknown = conditional(path, null, "If-None-Match", etag);
        // the handler ran (the version is unknown), found the data unchanged and saved the bytes only
        assertThat(unknown.status()).isEqualTo(304);
        assertThat(Long.parseLong(unknown.header("X-Sql-Statements").orElseThrow())).isPositive();

        TestUser booker = newUser();
        redis.delete("fitsocial:v2:version:class:" + classId);
        jdbc.sql("UPDATE fitness_classes SET booked_count = booked_count + 1, version = version + 1 WHERE id = :id")
                .param("id", classId).update();
        ApiResponse changed = conditional(path, null, "If-None-Match", etag);
        assertThat(changed.status()).as("a change nobody announced, after the version was lost").isEqualTo(200);
        assertThat(changed.json().path("spotsLeft").asInt()).isEqualTo(first.json().path("spotsLeft").asInt() - 1);
        ApiResponse later = api().get(path, booker.token());
        assertThat(date(later.header("Last-Modified").orElseThrow())).isAfterOrEqualTo(lastModified);
        assertThat(conditional(path, null, "If-Modified-Since", first.header("Last-Modified").orElseThrow()).status())
                .isEqualTo(200);
    }

    @Test
    void aFeedRevalidationSeesANewPostOfAFollowedUser() {
        TestUser reader = newUser();
        TestUser author = newUser();
        follow(reader, author);
        postActivity(author, "first");
        ApiResponse feed = api().get("/api/v1/social/feed", reader.token());
        String etag = feed.header("ETag").orElseThrow();
        assertThat(etag).startsWith("W/\"c");
        assertThat(feed.header("Last-Modified")).as("lists carry no Last-Modified").isEmpty();
        assertThat(conditional("/api/v1/social/feed", reader.token(), "If-None-Match", etag).status()).isEqualTo(304);

        postActivity(author, "second");
        ApiResponse fresh = conditional("/api/v1/social/feed", reader.token(), "If-None-Match", etag);
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.json().path("items").get(0).path("text").asString()).isEqualTo("second");
    }

    @Test
    void theWritersOwnFeedShowsTheirNewNameAtOnce() {
        TestUser writer = newUser();
        TestUser follower = newUser();
        follow(follower, writer);
        postActivity(writer, "mine");
        ApiResponse own = api().get("/api/v1/social/feed", writer.token());
        ApiResponse theirs = api().get("/api/v1/social/feed", follower.token());

        assertThat(api().patch("/api/v1/users/me", writer.token(), Map.of("displayName", "Renamed Writer")).status())
                .isEqualTo(200);

        for (var reader : List.of(Map.entry(writer, own), Map.entry(follower, theirs))) {
            ApiResponse after = conditional("/api/v1/social/feed", reader.getKey().token(), "If-None-Match",
                    reader.getValue().header("ETag").orElseThrow());
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.json().path("items").get(0).path("author").path("displayName").asString())
                    .isEqualTo("Renamed Writer");
        }
    }

    @Test
    void personalisedResponsesHaveTagsPerUser() {
        TestUser author = newUser();
        TestUser a = newUser();
        TestUser b = newUser();
        long activity = postActivity(author, "same for everyone");
        String tagOfA = api().get("/api/v1/social/activity/" + activity, a.token()).header("ETag").orElseThrow();
        String tagOfB = api().get("/api/v1/social/activity/" + activity, b.token()).header("ETag").orElseThrow();
        assertThat(tagOfA).isNotEqualTo(tagOfB);
        assertThat(conditional("/api/v1/social/activity/" + activity, b.token(), "If-None-Match", tagOfA).status())
                .isEqualTo(200);

        assertThat(api().post("/api/v1/social/activity/" + activity + "/likes", a.token(), null).status()).isEqualTo(204);
        ApiResponse liked = conditional("/api/v1/social/activity/" + activity, a.token(), "If-None-Match", tagOfA);
        assertThat(liked.status()).isEqualTo(200);
        assertThat(liked.json().path("likedByMe").asBoolean()).isTrue();
        ApiResponse counted = conditional("/api/v1/social/activity/" + activity, b.token(), "If-None-Match", tagOfB);
        assertThat(counted.status()).as("another user's like changes everyone's count").isEqualTo(200);
        assertThat(counted.json().path("likesCount").asLong()).isEqualTo(1);
    }

    @Test
    void tagsStayValidUnderGzip() {
        String city = unique("Zipville");
        long provider = newProvider(null, city);
        for (int i = 0; i < 10; i++) {
            newClass(provider, inDays(2 + i), 10, "YOGA", city);
        }
        var compressed = api().sendForBytes(api().request("/api/v1/classes?city=" + city, null).header("Accept-Encoding", "gzip"));
        assertThat(compressed.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String etag = compressed.headers().firstValue("ETag").orElseThrow();
        assertThat(api().get("/api/v1/classes?city=" + city, null).header("ETag")).hasValue(etag);

        var revalidated = api().sendForBytes(api().request("/api/v1/classes?city=" + city, null)
                .header("Accept-Encoding", "gzip").header("If-None-Match", etag));
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
    }

    @Test
    void patchHonoursIfMatchIfUnmodifiedSinceAndIfNoneMatchStar() {
        TestUser user = newUser();
        ApiResponse read = api().get("/api/v1/users/me", user.token());
        String etag = read.header("ETag").orElseThrow();
        String lastModified = read.header("Last-Modified").orElseThrow();

        assertProblem(precondition("PATCH", "/api/v1/users/me", user.token(), "If-Match", "\"stale\"", "{\"bio\":\"no\"}"),
                412, "precondition-failed");
        assertProblem(precondition("PATCH", "/api/v1/users/me", user.token(), "If-None-Match", "*", "{\"bio\":\"no\"}"),
                412, "precondition-failed");
        assertThat(api().get("/api/v1/users/me", user.token()).json().path("bio").isNull()).isTrue();

        ApiResponse changed = precondition("PATCH", "/api/v1/users/me", user.token(), "If-Match", etag, "{\"bio\":\"yes\"}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("bio").asString()).isEqualTo("yes");

        assertProblem(precondition("PATCH", "/api/v1/users/me", user.token(), "If-Match", etag, "{\"bio\":\"again\"}"),
                412, "precondition-failed");
        assertProblem(precondition("PATCH", "/api/v1/users/me", user.token(), "If-Unmodified-Since", lastModified,
                "{\"bio\":\"again\"}"), 412, "precondition-failed");
        assertThat(api().get("/api/v1/users/me", user.token()).json().path("bio").asString()).isEqualTo("yes");

        ApiResponse current = api().get("/api/v1/users/me", user.token());
        assertThat(precondition("PATCH", "/api/v1/users/me", user.token(), "If-Match",
                current.header("ETag").orElseThrow().substring(2), "{\"bio\":\"strong\"}").status()).isEqualTo(200);
        assertThat(precondition("PATCH", "/api/v1/users/me", user.token(), "If-Match", "*", "{\"bio\":\"any\"}").status())
                .isEqualTo(200);
        assertThat(api().patch("/api/v1/users/me", user.token(), Map.of("bio", "unconditional")).status()).isEqualTo(200);
    }

    @Test
    void ofConcurrentWritesWithTheSameTagOrDateExactlyOneGoesThrough() throws Exception {
        TestUser user = newUser();
        ApiResponse read = api().get("/api/v1/users/me", user.token());
        assertThat(concurrently(5, i -> precondition("PATCH", "/api/v1/users/me", user.token(), "If-Match",
                read.header("ETag").orElseThrow(), "{\"bio\":\"writer " + i + "\"}").status()))
                .containsOnly(200, 412).filteredOn(s -> s == 200).hasSize(1);

        // the changes just made may have dated the version a second or two ahead (one second per
        // change); Last-Modified shows the current second until then, which If-Unmodified-Since fails
        ApiResponse again = api().get("/api/v1/users/me", user.token());
        for (int tries = 0; tries < 50 && !date(again.header("Last-Modified").orElseThrow())
                .isBefore(date(again.header("Date").orElseThrow())); tries++) {
            Thread.sleep(100);
            again = api().get("/api/v1/users/me", user.token());
        }
        String lastModified = again.header("Last-Modified").orElseThrow();
        assertThat(concurrently(5, i -> precondition("PATCH", "/api/v1/users/me", user.token(), "If-Unmodified-Since",
                lastModified, "{\"bio\":\"dated " + i + "\"}").status()))
                .containsOnly(200, 412).filteredOn(s -> s == 200).hasSize(1);
    }

    @Test
    void putAndDeleteOfAReviewHonourIfMatchAndConcurrentWritesLetExactlyOneThrough() throws Exception {
        TestUser author = newUser();
        long classId = newClass(newProvider(null, "Reviewtown"), inDays(-3), 10);
        attend(author.id(), classId);
        ApiResponse created = api().post("/api/v1/reviews", author.token(), Map.of("classId", classId, "rating", 4));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long reviewId = created.json().path("id").asLong();
        String path = "/api/v1/reviews/" + reviewId;
        String etag = api().get(path, author.token()).header("ETag").orElseThrow();

        assertProblem(precondition("PUT", path, author.token(), "If-Match", "\"stale\"", "{\"rating\":1}"), 412,
                "precondition-failed");
        assertThat(concurrently(5, i -> precondition("PUT", path, author.token(), "If-Match", etag,
                "{\"rating\":" + i + ",\"text\":\"writer " + i + "\"}").status()))
                .containsOnly(200, 412).filteredOn(s -> s == 200).hasSize(1);
        assertThat(precondition("PUT", path, newUser().token(), "If-Match", "*", "{\"rating\":2}").status()).isEqualTo(403);

        assertProblem(precondition("DELETE", path, author.token(), "If-Match", etag, ""), 412, "precondition-failed");
        String current = api().get(path, author.token()).header("ETag").orElseThrow();
        assertThat(precondition("DELETE", path, author.token(), "If-Match", current, "").status()).isEqualTo(204);
    }

    @Test
    void deletesOfResourcesWithoutARepresentationMatchOnlyTheWildcard() {
        TestUser user = newUser();
        TestUser other = newUser();
        follow(user, other);
        String follow = "/api/v1/users/" + other.id() + "/follow";
        assertProblem(precondition("DELETE", follow, user.token(), "If-Match", "\"anything\"", ""), 412, "precondition-failed");
        assertProblem(precondition("DELETE", follow, user.token(), "If-None-Match", "*", ""), 412, "precondition-failed");
        assertThat(precondition("DELETE", follow, user.token(), "If-Match", "*", "").status()).isEqualTo(204);
        assertProblem(precondition("DELETE", follow, user.token(), "If-Match", "*", ""), 412, "precondition-failed");
        assertThat(precondition("DELETE", follow, user.token(), "If-None-Match", "*", "").status())
                .as("already gone: If-None-Match * holds").isEqualTo(204);

        long activity = postActivity(user, "to delete");
        String tag = api().get("/api/v1/social/activity/" + activity, user.token()).header("ETag").orElseThrow();
        assertProblem(precondition("DELETE", "/api/v1/social/activity/" + activity, user.token(), "If-Match", "\"old\"", ""),
                412, "precondition-failed");
        assertThat(precondition("DELETE", "/api/v1/social/activity/" + activity, user.token(), "If-Match", tag, "").status())
                .isEqualTo(204);
    }

    @Test
    void malformedPreconditionsGetExactAnswers() {
        long classId = newClass(newProvider(null, "Etagville"), inDays(5), 10);
        String path = "/api/v1/classes/" + classId;
        api().get(path, null);
        for (String garbage : List.of("", "garbage", "W/", "\"unterminated", ",,,", "W/\"a\", *, \"", "\u00e9t\u00e9")) {
            assertThat(conditional(path, null, "If-None-Match", garbage).status()).as("If-None-Match: " + garbage)
                    .isEqualTo(200);
        }
        assertThat(conditional(path, null, "If-Modified-Since", "yesterday").status()).isEqualTo(200);
        assertThat(conditional(path, null, "If-Modified-Since", "Sun, 99 Foo 2026 99:99:99 GMT").status()).isEqualTo(200);

        TestUser user = newUser();
        for (String garbage : List.of("garbage", "W/", "\"unterminated", ",,,")) {
            assertProblem(precondition("PATCH", "/api/v1/users/me", user.token(), "If-Match", garbage, "{\"bio\":\"x\"}"),
                    412, "precondition-failed");
        }
    }

    private static Map<String, String> repeated(ApiResponse response) {
        Map<String, String> headers = new TreeMap<>();
        response.raw().headers().map().forEach((name, values) -> {
            if (REPEATED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values));
            }
        });
        return headers;
    }

    private static Instant date(String httpDate) {
        return ZonedDateTime.parse(httpDate, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }

    private ApiResponse conditional(String path, String token, String header, String value) {
        return api().send(api().request(path, token).header(header, value));
    }

    private ApiResponse precondition(String method, String path, String token, String header, String value, String body) {
        return api().send(api().request(path, token).header(header, value)
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    private static List<Integer> concurrently(int writers, java.util.function.IntFunction<Integer> write) throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 1; i <= writers; i++) {
            int writer = i;
            calls.add(() -> write.apply(writer));
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
            return statuses;
        }
        finally {
            pool.shutdown();
        }
    }
}
