package app.fitsocial.social;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

class FollowsIntegrationTests extends IntegrationTestSupport {

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
}
