package app.fitsocial.platform.web;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;
import app.fitsocial.platform.changes.DataVersions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditional requests over real HTTP: ETags on every GET, Last-Modified on single resources,
 * 304s answered without SQL while the data is unchanged, never after a change, per-user tags,
 * and If-Match on writes.
 */
class ConditionalRequestsIntegrationTests extends IntegrationTestSupport {

    @Autowired
    private DataVersions versions;

    @Test
    void revalidatesASingleResourceWithoutTouchingTheDatabase() {
        long classId = newClass(newProvider(null, "Etagville"), inDays(5), 10);
        ApiResponse first = api().get("/api/v1/classes/" + classId, null);
        assertThat(first.status()).isEqualTo(200);
        String etag = first.header("ETag").orElseThrow();
        assertThat(etag).startsWith("W/\"");
        assertThat(first.header("Last-Modified")).isPresent();
        assertThat(first.header("Cache-Control")).hasValue("private, no-cache");

        ApiResponse revalidated = conditional("/api/v1/classes/" + classId, null, "If-None-Match", etag);
        assertThat(revalidated.status()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(revalidated.header("ETag")).hasValue(etag);
        assertThat(revalidated.header("X-Sql-Statements")).hasValue("0");

        ApiResponse byDate = conditional("/api/v1/classes/" + classId, null, "If-Modified-Since",
                first.header("Last-Modified").orElseThrow());
        assertThat(byDate.status()).isEqualTo(304);
        assertThat(byDate.header("X-Sql-Statements")).hasValue("0");

        String anHourAgo = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().minusSeconds(3600).atOffset(ZoneOffset.UTC));
        assertThat(conditional("/api/v1/classes/" + classId, null, "If-Modified-Since", anHourAgo).status()).isEqualTo(200);
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
    void acceptsTagListsTheWildcardAndTheStrongFormOfATag() {
        long classId = newClass(newProvider(null, "Etagville"), inDays(5), 10);
        String etag = api().get("/api/v1/classes/" + classId, null).header("ETag").orElseThrow();
        String strong = etag.substring(2);

        assertThat(conditional("/api/v1/classes/" + classId, null, "If-None-Match", "\"other\", " + etag).status())
                .isEqualTo(304);
        assertThat(conditional("/api/v1/classes/" + classId, null, "If-None-Match", "*").status()).isEqualTo(304);
        assertThat(conditional("/api/v1/classes/" + classId, null, "If-None-Match", strong).status()).isEqualTo(304);
        assertThat(conditional("/api/v1/classes/" + classId, null, "If-None-Match", "\"other\"").status()).isEqualTo(200);
        // If-None-Match decides when both are sent (RFC 9110 section 13.2.2)
        assertThat(api().send(api().request("/api/v1/classes/" + classId, null)
                .header("If-None-Match", "\"other\"")
                .header("If-Modified-Since", DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().plusSeconds(60)
                        .atOffset(ZoneOffset.UTC)))).status()).isEqualTo(200);
    }

    @Test
    void neverAnswers304AfterTheDataChanged() {
        long classId = newClass(newProvider(null, "Etagville"), inDays(5), 10);
        ApiResponse before = api().get("/api/v1/classes/" + classId, null);
        String etag = before.header("ETag").orElseThrow();

        TestUser booker = newUser();
        assertThat(api().post("/api/v1/classes/" + classId + "/bookings", booker.token(), null).status()).isEqualTo(201);

        ApiResponse after = conditional("/api/v1/classes/" + classId, null, "If-None-Match", etag);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().path("spotsLeft").asInt()).isEqualTo(before.json().path("spotsLeft").asInt() - 1);
        assertThat(after.header("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));
        assertThat(conditional("/api/v1/classes/" + classId, null, "If-None-Match", after.header("ETag").orElseThrow())
                .status()).isEqualTo(304);
    }

    @Test
    void aFeedRevalidationSeesANewPostOfAFollowedUser() {
        TestUser reader = newUser();
        TestUser author = newUser();
        follow(reader, author);
        postActivity(author, "first");
        ApiResponse feed = api().get("/api/v1/social/feed", reader.token());
        String etag = feed.header("ETag").orElseThrow();
        assertThat(feed.header("Last-Modified")).as("lists carry no Last-Modified").isEmpty();
        assertThat(conditional("/api/v1/social/feed", reader.token(), "If-None-Match", etag).status()).isEqualTo(304);

        postActivity(author, "second");
        ApiResponse fresh = conditional("/api/v1/social/feed", reader.token(), "If-None-Match", etag);
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.json().path("items").get(0).path("text").asString()).isEqualTo("second");
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
    }

    @Test
    void stillAnswers304WhenTheStoredValidatorIsGoneButTheBodyIsUnchanged() {
        // providers are not cached, so the handler's statements show that it ran
        long providerId = newProvider(null, "Etagville");
        String etag = api().get("/api/v1/providers/" + providerId, null).header("ETag").orElseThrow();
        versions.raise(List.of(DataVersions.EPOCH));

        ApiResponse response = conditional("/api/v1/providers/" + providerId, null, "If-None-Match", etag);
        assertThat(response.status()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(Long.parseLong(response.header("X-Sql-Statements").orElseThrow())).isPositive();
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
    void patchHonoursIfMatch() {
        TestUser user = newUser();
        String etag = api().get("/api/v1/users/me", user.token()).header("ETag").orElseThrow();

        assertProblem(ifMatch("PATCH", "/api/v1/users/me", user.token(), "\"stale\"", "{\"bio\":\"no\"}"), 412,
                "precondition-failed");
        assertThat(api().get("/api/v1/users/me", user.token()).json().path("bio").isNull()).isTrue();

        ApiResponse changed = ifMatch("PATCH", "/api/v1/users/me", user.token(), etag, "{\"bio\":\"yes\"}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("bio").asString()).isEqualTo("yes");

        assertProblem(ifMatch("PATCH", "/api/v1/users/me", user.token(), etag, "{\"bio\":\"again\"}"), 412,
                "precondition-failed");
        String current = api().get("/api/v1/users/me", user.token()).header("ETag").orElseThrow();
        // the tag as sent (weak) and in its strong form both name the current JSON
        assertThat(ifMatch("PATCH", "/api/v1/users/me", user.token(), current.substring(2), "{\"bio\":\"strong\"}")
                .status()).isEqualTo(200);
        assertThat(ifMatch("PATCH", "/api/v1/users/me", user.token(), "*", "{\"bio\":\"any\"}").status()).isEqualTo(200);
        assertThat(api().patch("/api/v1/users/me", user.token(), Map.of("bio", "unconditional")).status()).isEqualTo(200);
    }

    @Test
    void putHonoursIfMatchAndConcurrentConditionalWritesLetExactlyOneThrough() throws Exception {
        TestUser author = newUser();
        long classId = newClass(newProvider(null, "Reviewtown"), inDays(-3), 10);
        attend(author.id(), classId);
        ApiResponse created = api().post("/api/v1/reviews", author.token(), Map.of("classId", classId, "rating", 4));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long reviewId = created.json().path("id").asLong();
        String etag = api().get("/api/v1/reviews/" + reviewId, author.token()).header("ETag").orElseThrow();

        assertProblem(ifMatch("PUT", "/api/v1/reviews/" + reviewId, author.token(), "\"stale\"", "{\"rating\":1}"), 412,
                "precondition-failed");

        List<Callable<Integer>> writers = new ArrayList<>();
        for (int rating = 1; rating <= 5; rating++) {
            String body = "{\"rating\":" + rating + ",\"text\":\"writer " + rating + "\"}";
            writers.add(() -> ifMatch("PUT", "/api/v1/reviews/" + reviewId, author.token(), etag, body).status());
        }
        List<Integer> statuses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            for (Future<Integer> status : pool.invokeAll(writers)) {
                statuses.add(status.get());
            }
        }
        finally {
            pool.shutdown();
        }
        assertThat(statuses).containsOnly(200, 412);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(ifMatch("PUT", "/api/v1/reviews/" + reviewId, newUser().token(), "*", "{\"rating\":2}").status())
                .isEqualTo(403);
    }

    @Test
    void malformedPreconditionsAreIgnoredOrFailNeverCrash() {
        long classId = newClass(newProvider(null, "Etagville"), inDays(5), 10);
        String path = "/api/v1/classes/" + classId;
        api().get(path, null);
        for (String garbage : List.of("", "garbage", "W/", "\"unterminated", ",,,", "W/\"a\", *, \"", "\u00e9t\u00e9")) {
            ApiResponse response = conditional(path, null, "If-None-Match", garbage);
            assertThat(response.status()).as("If-None-Match: " + garbage).isIn(200, 304);
        }
        assertThat(conditional(path, null, "If-Modified-Since", "yesterday").status()).isEqualTo(200);
        assertThat(conditional(path, null, "If-Modified-Since", "Sun, 99 Foo 2026 99:99:99 GMT").status()).isEqualTo(200);

        TestUser user = newUser();
        for (String garbage : List.of("garbage", "W/", "\"unterminated", ",,,")) {
            assertProblem(ifMatch("PATCH", "/api/v1/users/me", user.token(), garbage, "{\"bio\":\"x\"}"), 412,
                    "precondition-failed");
        }
    }

    private ApiResponse conditional(String path, String token, String header, String value) {
        return api().send(api().request(path, token).header(header, value));
    }

    private ApiResponse ifMatch(String method, String path, String token, String tag, String body) {
        return api().send(api().request(path, token).header("If-Match", tag)
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }
}
