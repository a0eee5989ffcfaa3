package app.fitsocial.social;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;
import app.fitsocial.identity.FollowersCountFolding;

import static org.assertj.core.api.Assertions.assertThat;

class FollowsIntegrationTests extends IntegrationTestSupport {

    @Autowired
    private FollowersCountFolding folding;

    @Autowired
    private javax.sql.DataSource dataSource;

    private long count(String column, long userId) {
        return api().get("/api/v1/users/" + userId, newUser().token()).json().path(column).asLong();
    }

    @Test
    void followingIsIdempotentAndMaintainsCounters() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        assertThat(api().post("/api/v1/users/" + bob.id() + "/follow", alice.token(), null).status()).isEqualTo(204);
        assertThat(api().post("/api/v1/users/" + bob.id() + "/follow", alice.token(), null).status()).isEqualTo(204);
        assertThat(count("followersCount", bob.id())).isEqualTo(1);
        assertThat(count("followingCount", alice.id())).isEqualTo(1);
        assertThat(api().get("/api/v1/users/me", alice.token()).json().path("followingCount").asLong()).isEqualTo(1);

        assertThat(api().delete("/api/v1/users/" + bob.id() + "/follow", alice.token()).status()).isEqualTo(204);
        assertThat(api().delete("/api/v1/users/" + bob.id() + "/follow", alice.token()).status()).isEqualTo(204);
        assertThat(count("followersCount", bob.id())).isZero();
        assertThat(count("followingCount", alice.id())).isZero();
    }

    @Test
    void rejectsFollowingYourselfOrNobody() {
        TestUser alice = newUser();
        assertProblem(api().post("/api/v1/users/" + alice.id() + "/follow", alice.token(), null), 400, "follow-self");
        assertProblem(api().post("/api/v1/users/93939393/follow", alice.token(), null), 404, "not-found");
        assertProblem(api().post("/api/v1/users/" + newUser().id() + "/follow", null, null), 401, "unauthorized");
        assertFieldError(api().post("/api/v1/users/bob/follow", alice.token(), null), "id");
    }

    @Test
    void listsFollowersAndFollowingNewestFirst() {
        TestUser star = newUser();
        List<Long> fans = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestUser fan = newUser();
            api().post("/api/v1/users/" + star.id() + "/follow", fan.token(), null);
            fans.add(fan.id());
        }
        ApiResponse first = api().get("/api/v1/users/" + star.id() + "/followers?limit=2", star.token());
        assertThat(first.status()).isEqualTo(200);
        List<Long> seen = new ArrayList<>();
        first.json().path("items").forEach(n -> seen.add(n.path("id").asLong()));
        ApiResponse second = api().get("/api/v1/users/" + star.id() + "/followers?limit=2&cursor="
                + first.json().path("nextCursor").asString(), star.token());
        second.json().path("items").forEach(n -> seen.add(n.path("id").asLong()));
        assertThat(seen).containsExactly(fans.get(2), fans.get(1), fans.get(0));
        assertThat(first.json().path("items").get(0).has("email")).isFalse();

        ApiResponse following = api().get("/api/v1/users/" + fans.get(0) + "/following", star.token());
        assertThat(following.json().path("items").get(0).path("id").asLong()).isEqualTo(star.id());
        assertProblem(api().get("/api/v1/users/93939393/followers", star.token()), 404, "not-found");
        assertFieldError(api().get("/api/v1/users/" + star.id() + "/followers?cursor=nope", star.token()), "cursor");
    }

    @Test
    void concurrentFollowsFromOneUserCountOnce() throws Exception {
        TestUser fan = newUser();
        TestUser star = newUser();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return api().post("/api/v1/users/" + star.id() + "/follow", fan.token(), null).status();
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(204);
            }
        }
        finally {
            pool.shutdownNow();
        }
        long rows = jdbc.sql("SELECT count(*) FROM follows WHERE following_id = :s").param("s", star.id())
                .query(Long.class).single();
        assertThat(rows).isEqualTo(1);
        assertThat(count("followersCount", star.id())).isEqualTo(rows);
    }

    @Test
    void followsOfAPopularUserNeitherLockNorWaitForTheirRowAndAreFoldedIntoTheCount() throws Exception {
        TestUser star = newUser();
        // 1,000 followers and more (the default bar) make a hot row
        jdbc.sql("UPDATE users SET followers_count = 1000 WHERE id = :s").param("s", star.id()).update();
        TestUser early = newUser();
        TestUser late = newUser();
        follow(early, star);
        String before = api().get("/api/v1/users/" + star.id(), star.token()).header("ETag").orElseThrow();

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // another transaction is changing the star's row: a follow counted on that row would wait for it
            Future<Integer> follow = jdbcTransactionHoldingRowOf(star.id(), () -> pool.submit(
                    () -> api().post("/api/v1/users/" + star.id() + "/follow", late.token(), null).status()));
            assertThat(follow.get()).isEqualTo(204);
        }
        finally {
            pool.shutdownNow();
        }
        api().delete("/api/v1/users/" + star.id() + "/follow", early.token());
        api().post("/api/v1/users/" + star.id() + "/follow", early.token(), null);
        assertThat(count("followersCount", star.id())).as("not yet folded").isEqualTo(1000);
        assertThat(count("followingCount", late.id())).as("the follower's own count is at once").isEqualTo(1);

        assertThat(folding.run()).as("deltas folded").isEqualTo(4);
        assertThat(count("followersCount", star.id())).isEqualTo(1002);
        assertThat(api().get("/api/v1/users/" + star.id(), star.token()).header("ETag")).isPresent().get().isNotEqualTo(before);
        assertThat(folding.run()).as("nothing left").isZero();
    }

    /** Runs {@code work} while another transaction holds the lock of the user's row, and waits for what it started. */
    private <T> Future<T> jdbcTransactionHoldingRowOf(long userId, java.util.concurrent.Callable<Future<T>> work)
            throws Exception {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            // what a follow counted on the row holds until its commit
            try (var lock = connection.prepareStatement(
                    "UPDATE users SET followers_count = followers_count + 1, version = version + 1 WHERE id = ?")) {
                lock.setLong(1, userId);
                lock.executeUpdate();
            }
            Future<T> started = work.call();
            try {
                started.get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            finally {
                connection.rollback();
            }
            return started;
        }
    }
}
