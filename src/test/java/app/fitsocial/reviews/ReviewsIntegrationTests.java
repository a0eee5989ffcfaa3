package app.fitsocial.reviews;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

class ReviewsIntegrationTests extends IntegrationTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    private RatingAggregation aggregation;

    private record Attended(long providerId, long classId, TestUser user) {
    }

    private Attended attendedClass() {
        long provider = newProvider(null, "Bergen");
        long classId = newClass(provider, inDays(-1), 10);
        TestUser user = newUser();
        attend(user.id(), classId);
        return new Attended(provider, classId, user);
    }

    private ApiResponse review(TestUser user, long classId, Object rating, String text) {
        return api().post("/api/v1/reviews", user.token(), Map.of("classId", classId, "rating", rating, "text", text));
    }

    @Test
    void reviewsAnAttendedClassAndUpdatesItsRating() {
        Attended a = attendedClass();
        ApiResponse response = review(a.user(), a.classId(), 4, "Tough but fair");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        var body = response.json();
        assertThat(body.path("rating").asInt()).isEqualTo(4);
        assertThat(body.path("classId").asLong()).isEqualTo(a.classId());
        assertThat(body.path("providerId").asLong()).isEqualTo(a.providerId());
        assertThat(body.path("author").path("id").asLong()).isEqualTo(a.user().id());
        assertThat(body.path("author").path("displayName").asString()).startsWith("Tester");

        TestUser second = newUser();
        attend(second.id(), a.classId());
        review(second, a.classId(), 1, "Too crowded");
        var before = api().get("/api/v1/classes/" + a.classId() + "/rating", null).json();
        assertThat(before.path("count").asLong()).as("review writes do not touch the aggregates").isZero();
        aggregation.run();

        var rating = api().get("/api/v1/classes/" + a.classId() + "/rating", null).json();
        assertThat(rating.path("count").asLong()).isEqualTo(2);
        assertThat(rating.path("average").decimalValue()).isEqualByComparingTo("2.50");
        assertThat(rating.path("distribution").path("4").asLong()).isEqualTo(1);
        assertThat(rating.path("distribution").path("1").asLong()).isEqualTo(1);
        assertThat(rating.path("distribution").path("5").asLong()).isZero();
        assertThat(rating.path("computedAt").asString()).endsWith("Z");

        var providerRating = api().get("/api/v1/providers/" + a.providerId() + "/rating", null).json();
        assertThat(providerRating.path("count").asLong()).isEqualTo(2);
        var classDetail = api().get("/api/v1/classes/" + a.classId(), null).json();
        assertThat(classDetail.path("ratingAverage").decimalValue()).isEqualByComparingTo("2.50");
        assertThat(classDetail.path("ratingCount").asLong()).isEqualTo(2);
        var providerDetail = api().get("/api/v1/providers/" + a.providerId(), null).json();
        assertThat(providerDetail.path("ratingCount").asLong()).isEqualTo(2);
    }

    @Test
    void onlyAttendeesMayReview() {
        long provider = newProvider(null, "Bergen");
        long pastClass = newClass(provider, inDays(-1), 10);
        assertProblem(review(newUser(), pastClass, 5, "Never went"), 403, "not-attended");

        long futureClass = newClass(provider, inDays(2), 10);
        TestUser booker = newUser();
        api().post("/api/v1/classes/" + futureClass + "/bookings", booker.token(), null);
        assertProblem(review(booker, futureClass, 5, "Not yet"), 403, "not-attended");
    }

    /** Attended means ended: start plus duration (60 minutes here) is past, not merely the start. */
    @Test
    void aClassIsAttendedOnlyOnceItHasEnded() {
        long provider = newProvider(null, "Bergen");
        Instant now = Instant.now();
        long running = newClass(provider, now.minus(Duration.ofMinutes(60)).plusSeconds(30), 10);
        long justEnded = newClass(provider, now.minus(Duration.ofMinutes(60)).minusSeconds(1), 10);
        long justStarted = newClass(provider, now.minusSeconds(9), 10);
        TestUser user = newUser();
        for (long classId : List.of(running, justEnded, justStarted)) {
            attend(user.id(), classId);
        }
        assertProblem(review(user, justStarted, 5, "Nine seconds in"), 403, "not-attended");
        assertProblem(review(user, running, 5, "Thirty seconds to go"), 403, "not-attended");
        assertThat(review(user, justEnded, 5, "Done").status()).isEqualTo(201);
    }

    @Test
    void oneReviewPerUserAndClass() {
        Attended a = attendedClass();
        assertThat(review(a.user(), a.classId(), 5, "Great").status()).isEqualTo(201);
        assertProblem(review(a.user(), a.classId(), 3, "Again"), 409, "already-reviewed");
    }

    @Test
    void rejectsInvalidReviews() {
        Attended a = attendedClass();
        assertFieldError(review(a.user(), a.classId(), 6, "Too good"), "rating");
        assertFieldError(review(a.user(), a.classId(), 0, "Too bad"), "rating");
        assertFieldError(review(a.user(), a.classId(), "five", "Words"), "rating");
        assertFieldError(review(a.user(), a.classId(), 4, "x".repeat(2001)), "text");
        assertFieldError(api().post("/api/v1/reviews", a.user().token(), Map.of("rating", 4)), "classId");
        assertProblem(review(a.user(), 77777777L, 4, "Ghost class"), 404, "not-found");
        assertProblem(api().post("/api/v1/reviews", a.user().token(), "{\"classId\": "), 400, "malformed-body");
        assertProblem(review(newUser(), a.classId(), 4, "x"), 403, "not-attended");
        assertThat(api().get("/api/v1/classes/" + a.classId() + "/rating", null).json().path("count").asLong()).isZero();
    }

    @Test
    void authorsEditAndDeleteTheirOwnReviewsOnly() {
        Attended a = attendedClass();
        long id = review(a.user(), a.classId(), 2, "Meh").json().path("id").asLong();
        TestUser stranger = newUser();

        assertProblem(api().put("/api/v1/reviews/" + id, stranger.token(), Map.of("rating", 1, "text", "Sabotage")),
                403, "forbidden");
        assertProblem(api().delete("/api/v1/reviews/" + id, stranger.token()), 403, "forbidden");

        ApiResponse updated = api().put("/api/v1/reviews/" + id, a.user().token(), Map.of("rating", 5, "text", "Grew on me"));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("rating").asInt()).isEqualTo(5);
        aggregation.run();
        assertThat(api().get("/api/v1/classes/" + a.classId() + "/rating", null).json().path("average").decimalValue())
                .isEqualByComparingTo("5.00");
        assertFieldError(api().put("/api/v1/reviews/" + id, a.user().token(), Map.of("rating", 9)), "rating");

        assertThat(api().delete("/api/v1/reviews/" + id, a.user().token()).status()).isEqualTo(204);
        aggregation.run();
        var rating = api().get("/api/v1/classes/" + a.classId() + "/rating", null).json();
        assertThat(rating.path("count").asLong()).isZero();
        assertThat(rating.path("average").isNull()).isTrue();
        assertProblem(api().delete("/api/v1/reviews/" + id, a.user().token()), 404, "not-found");
        assertProblem(api().put("/api/v1/reviews/424242424", a.user().token(), Map.of("rating", 3)), 404, "not-found");
    }

    @Test
    void listsReviewsOfAClassAndOfAProviderNewestFirst() {
        long provider = newProvider(null, "Bergen");
        long classId = newClass(provider, inDays(-2), 10);
        List<Long> written = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestUser user = newUser();
            attend(user.id(), classId);
            written.add(review(user, classId, 3 + (i % 3), "Review " + i).json().path("id").asLong());
        }
        String token = newUser().token();
        ApiResponse first = api().get("/api/v1/reviews?classId=" + classId + "&limit=2", token);
        assertThat(first.status()).isEqualTo(200);
        List<Long> seen = new ArrayList<>();
        first.json().path("items").forEach(n -> seen.add(n.path("id").asLong()));
        ApiResponse second = api().get("/api/v1/reviews?classId=" + classId + "&limit=2&cursor="
                + first.json().path("nextCursor").asString(), token);
        second.json().path("items").forEach(n -> seen.add(n.path("id").asLong()));
        assertThat(second.json().path("nextCursor").isNull()).isTrue();
        assertThat(seen).containsExactly(written.get(2), written.get(1), written.get(0));

        ApiResponse byProvider = api().get("/api/v1/reviews?providerId=" + provider, token);
        assertThat(byProvider.json().path("items").size()).isEqualTo(3);
        assertThat(byProvider.json().path("items").get(0).path("author").path("displayName").asString()).isNotBlank();
    }

    @Test
    void rejectsBadReviewListings() {
        String token = newUser().token();
        assertProblem(api().get("/api/v1/reviews", token), 400, "invalid-request");
        assertProblem(api().get("/api/v1/reviews?classId=1&providerId=1", token), 400, "invalid-request");
        assertFieldError(api().get("/api/v1/reviews?classId=abc", token), "classId");
        assertFieldError(api().get("/api/v1/reviews?classId=1&cursor=garbage", token), "cursor");
        assertFieldError(api().get("/api/v1/reviews?classId=1&limit=101", token), "limit");
        assertProblem(api().get("/api/v1/reviews?classId=31313131", token), 404, "not-found");
        assertProblem(api().get("/api/v1/reviews?providerId=31313131", token), 404, "not-found");
    }

    @Test
    void concurrentReviewsAllCountInTheAggregate() throws Exception {
        long provider = newProvider(null, "Bergen");
        long classId = newClass(provider, inDays(-1), 20);
        List<TestUser> reviewers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            TestUser user = newUser();
            attend(user.id(), classId);
            reviewers.add(user);
        }
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < reviewers.size(); i++) {
                TestUser user = reviewers.get(i);
                int stars = 1 + i % 5;
                results.add(pool.submit(() -> {
                    start.await();
                    return review(user, classId, stars, "Concurrent").status();
                }));
            }
            start.countDown();
            for (var result : results) {
                assertThat(result.get()).isEqualTo(201);
            }
        }
        finally {
            pool.shutdownNow();
        }
        aggregation.run();
        var rating = api().get("/api/v1/classes/" + classId + "/rating", null).json();
        var expected = jdbc.sql("SELECT count(*) AS n, round(avg(rating), 2) AS avg FROM reviews WHERE class_id = :c")
                .param("c", classId).query().singleRow();
        assertThat(rating.path("count").asLong()).isEqualTo(12);
        assertThat(rating.path("average").decimalValue()).isEqualByComparingTo((java.math.BigDecimal) expected.get("avg"));
        assertThat(api().get("/api/v1/providers/" + provider + "/rating", null).json().path("count").asLong())
                .isEqualTo(12);
        assertThat(api().get("/api/v1/classes/" + classId, null).json().path("ratingCount").asLong()).isEqualTo(12);
    }

    @Test
    void ratingOfAnUnratedClassIsEmptyAndOfAnUnknownOneNotFound() {
        long classId = newClass(newProvider(null, "Bergen"), inDays(3), 10);
        var rating = api().get("/api/v1/classes/" + classId + "/rating", null).json();
        assertThat(rating.path("count").asLong()).isZero();
        assertThat(rating.path("average").isNull()).isTrue();
        assertThat(rating.path("distribution").size()).isEqualTo(5);
        assertProblem(api().get("/api/v1/classes/20202020/rating", null), 404, "not-found");
        assertProblem(api().get("/api/v1/providers/20202020/rating", null), 404, "not-found");
    }
}
