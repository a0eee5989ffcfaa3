package app.fitsocial;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One user repeating the same write many times at once, as a flaky client or a double tap does:
 * likes, follows, group joins and their reversals all end with exactly one row (or none), and the
 * counters the API shows equal the rows that exist; keyed message sends create one message.
 */
class ConcurrentRepeatedWritesIntegrationTests extends IntegrationTestSupport {

    private static final int REPEATS = 16;

    @Test
    void repeatedLikesFromOneUserCountOnce() throws Exception {
        TestUser author = newUser();
        long activity = postActivity(author, "leg day");
        List<TestUser> likers = List.of(newUser(), newUser(), newUser());
        List<Callable<Integer>> likes = new ArrayList<>();
        for (TestUser liker : likers) {
            for (int i = 0; i < REPEATS; i++) {
                likes.add(() -> api().post("/api/v1/social/activity/" + activity + "/likes", liker.token(), null).status());
            }
        }
        assertThat(runTogether(likes)).containsOnly(204);
        long rows = count("SELECT count(*) FROM activity_likes WHERE activity_id = ?", activity);
        assertThat(rows).isEqualTo(3);
        assertThat(count("SELECT likes_count FROM activities WHERE id = ?", activity)).isEqualTo(rows);
        assertThat(api().get("/api/v1/social/activity/" + activity, author.token()).json().path("likesCount").asLong())
                .isEqualTo(rows);
    }

    @Test
    void likesAndUnlikesRacingKeepTheCounterEqualToTheRows() throws Exception {
        TestUser author = newUser();
        long activity = postActivity(author, "tempo run");
        List<Callable<Integer>> writes = new ArrayList<>();
        for (int u = 0; u < 4; u++) {
            TestUser user = newUser();
            for (int i = 0; i < REPEATS / 2; i++) {
                writes.add(() -> api().post("/api/v1/social/activity/" + activity + "/likes", user.token(), null).status());
                writes.add(() -> api().delete("/api/v1/social/activity/" + activity + "/likes", user.token()).status());
            }
        }
        assertThat(runTogether(writes)).containsOnly(204);
        long rows = count("SELECT count(*) FROM activity_likes WHERE activity_id = ?", activity);
        assertThat(rows).isBetween(0L, 4L);
        assertThat(count("SELECT likes_count FROM activities WHERE id = ?", activity)).isEqualTo(rows);
    }

    @Test
    void followsAndUnfollowsRacingKeepBothCountersEqualToTheRows() throws Exception {
        TestUser star = newUser();
        List<TestUser> fans = List.of(newUser(), newUser(), newUser(), newUser());
        List<Callable<Integer>> writes = new ArrayList<>();
        for (TestUser fan : fans) {
            for (int i = 0; i < REPEATS / 2; i++) {
                writes.add(() -> api().post("/api/v1/users/" + star.id() + "/follow", fan.token(), null).status());
                writes.add(() -> api().delete("/api/v1/users/" + star.id() + "/follow", fan.token()).status());
            }
        }
        assertThat(runTogether(writes)).containsOnly(204);
        long rows = count("SELECT count(*) FROM follows WHERE following_id = ?", star.id());
        assertThat(count("SELECT followers_count FROM users WHERE id = ?", star.id())).isEqualTo(rows);
        for (TestUser fan : fans) {
            assertThat(count("SELECT following_count FROM users WHERE id = ?", fan.id()))
                    .isEqualTo(count("SELECT count(*) FROM follows WHERE follower_id = ?", fan.id()));
        }
        assertThat(api().get("/api/v1/users/" + star.id(), star.token()).json().path("followersCount").asLong())
                .isEqualTo(rows);
    }

    @Test
    void repeatedJoinsCountOnceAndRacingLeavesKeepTheCounterExact() throws Exception {
        TestUser owner = newUser();
        long group = api().post("/api/v1/groups", owner.token(), Map.of("name", unique("Racers")))
                .json().path("id").asLong();
        List<TestUser> joiners = List.of(newUser(), newUser(), newUser());
        List<Callable<Integer>> joins = new ArrayList<>();
        for (TestUser joiner : joiners) {
            for (int i = 0; i < REPEATS; i++) {
                joins.add(() -> api().post("/api/v1/groups/" + group + "/members", joiner.token(), null).status());
            }
        }
        assertThat(runTogether(joins)).containsOnly(204);
        assertThat(count("SELECT count(*) FROM group_members WHERE group_id = ?", group)).isEqualTo(4);
        assertThat(count("SELECT members_count FROM groups WHERE id = ?", group)).isEqualTo(4);

        List<Callable<Integer>> churn = new ArrayList<>();
        for (TestUser joiner : joiners) {
            for (int i = 0; i < REPEATS / 2; i++) {
                churn.add(() -> api().delete("/api/v1/groups/" + group + "/members", joiner.token()).status());
                churn.add(() -> api().post("/api/v1/groups/" + group + "/members", joiner.token(), null).status());
            }
        }
        assertThat(runTogether(churn)).containsOnly(204);
        long rows = count("SELECT count(*) FROM group_members WHERE group_id = ?", group);
        assertThat(count("SELECT members_count FROM groups WHERE id = ?", group)).isEqualTo(rows);
        assertThat(api().get("/api/v1/groups/" + group, owner.token()).json().path("membersCount").asLong()).isEqualTo(rows);
    }

    @Test
    void retriedMessageSendsWithTheirKeysNeverDuplicateAMessage() throws Exception {
        TestUser sender = newUser();
        TestUser recipient = newUser();
        List<Callable<Integer>> sends = new ArrayList<>();
        // five messages, each sent by a client that retries it four times at once with its key
        for (int m = 0; m < 5; m++) {
            String key = UUID.randomUUID().toString();
            String body = "{\"recipientId\":" + recipient.id() + ",\"body\":\"message " + m + "\"}";
            for (int i = 0; i < 4; i++) {
                sends.add(() -> api().send(api().request("/api/v1/messages/send", sender.token())
                        .header("Idempotency-Key", key)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))).status());
            }
        }
        assertThat(runTogether(sends)).containsOnly(201);
        assertThat(count("SELECT count(*) FROM messages WHERE sender_id = ?", sender.id())).isEqualTo(5);
        assertThat(count("SELECT count(DISTINCT body) FROM messages WHERE sender_id = ?", sender.id())).isEqualTo(5);
    }

    private long count(String sql, long id) {
        return jdbc.sql(sql).param(id).query(Long.class).single();
    }

    /** Starts every call at the same moment and returns their results in order. */
    private static <T> List<T> runTogether(List<Callable<T>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(calls.size(), 32));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
        finally {
            pool.shutdownNow();
        }
    }
}
