package app.fitsocial.social;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

class ActivityIntegrationTests extends IntegrationTestSupport {

    private long post(TestUser author, String text) {
        return postActivity(author, Map.of("type", "WORKOUT", "text", text, "durationMinutes", 45));
    }

    @Test
    void postsAndShowsAnActivity() {
        TestUser author = newUser();
        long classId = newClass(newProvider(null, "Turin"), inDays(-1), 10);
        ApiResponse created = api().post("/api/v1/social/activity", author.token(),
                Map.of("type", "CLASS_ATTENDED", "text", "  Loved it ", "classId", classId, "durationMinutes", 60));
        assertThat(created.status()).isEqualTo(201);
        var activity = created.json();
        assertThat(activity.path("type").asString()).isEqualTo("CLASS_ATTENDED");
        assertThat(activity.path("text").asString()).isEqualTo("Loved it");
        assertThat(activity.path("classId").asLong()).isEqualTo(classId);
        assertThat(activity.path("author").path("id").asLong()).isEqualTo(author.id());
        assertThat(activity.path("likesCount").asLong()).isZero();
        assertThat(activity.path("commentsCount").asLong()).isZero();
        assertThat(activity.path("likedByMe").asBoolean()).isFalse();
        long id = activity.path("id").asLong();
        assertThat(api().get("/api/v1/social/activity/" + id, newUser().token()).json().path("id").asLong()).isEqualTo(id);
    }

    @Test
    void likesAreIdempotentAndShowAsLikedByMe() {
        TestUser author = newUser();
        TestUser fan = newUser();
        long id = post(author, "5k run");
        assertThat(api().post("/api/v1/social/activity/" + id + "/likes", fan.token(), null).status()).isEqualTo(204);
        assertThat(api().post("/api/v1/social/activity/" + id + "/likes", fan.token(), null).status()).isEqualTo(204);
        var seenByFan = api().get("/api/v1/social/activity/" + id, fan.token()).json();
        assertThat(seenByFan.path("likesCount").asLong()).isEqualTo(1);
        assertThat(seenByFan.path("likedByMe").asBoolean()).isTrue();
        assertThat(api().get("/api/v1/social/activity/" + id, author.token()).json().path("likedByMe").asBoolean()).isFalse();

        assertThat(api().delete("/api/v1/social/activity/" + id + "/likes", fan.token()).status()).isEqualTo(204);
        assertThat(api().delete("/api/v1/social/activity/" + id + "/likes", fan.token()).status()).isEqualTo(204);
        assertThat(api().get("/api/v1/social/activity/" + id, fan.token()).json().path("likesCount").asLong()).isZero();
    }

    @Test
    void commentsAreCountedAndListedOldestFirst() {
        TestUser author = newUser();
        long id = post(author, "Deadlift PR");
        TestUser a = newUser();
        TestUser b = newUser();
        ApiResponse first = api().post("/api/v1/social/activity/" + id + "/comments", a.token(), Map.of("text", "Beast!"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().path("author").path("id").asLong()).isEqualTo(a.id());
        api().post("/api/v1/social/activity/" + id + "/comments", b.token(), Map.of("text", "Nice"));

        ApiResponse list = api().get("/api/v1/social/activity/" + id + "/comments", author.token());
        assertThat(list.json().path("items").size()).isEqualTo(2);
        assertThat(list.json().path("items").get(0).path("text").asString()).isEqualTo("Beast!");
        assertThat(list.json().path("items").get(0).path("createdAt")).isEqualTo(first.json().path("createdAt"));
        assertThat(list.json().path("items").get(0).path("id")).isEqualTo(first.json().path("id"));
        assertThat(api().get("/api/v1/social/activity/" + id, author.token()).json().path("commentsCount").asLong())
                .isEqualTo(2);
    }

    @Test
    void onlyTheAuthorDeletesAnActivity() {
        TestUser author = newUser();
        long id = post(author, "Mine");
        assertProblem(api().delete("/api/v1/social/activity/" + id, newUser().token()), 403, "forbidden");
        assertThat(api().delete("/api/v1/social/activity/" + id, author.token()).status()).isEqualTo(204);
        assertProblem(api().get("/api/v1/social/activity/" + id, author.token()), 404, "not-found");
        assertProblem(api().delete("/api/v1/social/activity/" + id, author.token()), 404, "not-found");
    }

    @Test
    void postingIntoAGroupNeedsMembership() {
        TestUser owner = newUser();
        long group = api().post("/api/v1/groups", owner.token(), Map.of("name", unique("Lifters"))).json().path("id").asLong();
        TestUser outsider = newUser();
        assertProblem(api().post("/api/v1/social/activity", outsider.token(), Map.of("type", "POST", "text", "hi",
                "groupId", group)), 403, "not-group-member");
        long inGroup = postActivity(owner, Map.of("type", "POST", "text", "Welcome", "groupId", group));
        ApiResponse groupActivity = api().get("/api/v1/groups/" + group + "/activity", outsider.token());
        assertThat(groupActivity.json().path("items").get(0).path("id").asLong()).isEqualTo(inGroup);
        assertProblem(api().get("/api/v1/groups/46464646/activity", owner.token()), 404, "not-found");
    }

    @Test
    void rejectsBadActivities() {
        TestUser user = newUser();
        assertFieldError(api().post("/api/v1/social/activity", user.token(), Map.of("text", "no type")), "type");
        assertFieldError(api().post("/api/v1/social/activity", user.token(), Map.of("type", "NAP")), "type");
        assertFieldError(api().post("/api/v1/social/activity", user.token(),
                Map.of("type", "POST", "text", "x".repeat(2001))), "text");
        assertFieldError(api().post("/api/v1/social/activity", user.token(),
                Map.of("type", "WORKOUT", "durationMinutes", 0)), "durationMinutes");
        assertFieldError(api().post("/api/v1/social/activity", user.token(),
                Map.of("type", "WORKOUT", "durationMinutes", "long")), "durationMinutes");
        assertProblem(api().post("/api/v1/social/activity", user.token(), Map.of("type", "POST", "classId", 64646464)),
                404, "not-found");
        assertProblem(api().post("/api/v1/social/activity", user.token(), Map.of("type", "POST", "groupId", 64646464)),
                404, "not-found");
        assertProblem(api().post("/api/v1/social/activity", user.token(), "{\"type\":\"POST\""), 400, "malformed-body");
        assertFieldError(api().post("/api/v1/social/activity/1/comments", user.token(), Map.of("text", "")), "text");
        assertFieldError(api().post("/api/v1/social/activity/1/comments", user.token(), Map.of("text", "c".repeat(1001))),
                "text");
        assertProblem(api().post("/api/v1/social/activity/64646464/comments", user.token(), Map.of("text", "hi")), 404,
                "not-found");
        assertProblem(api().post("/api/v1/social/activity/64646464/likes", user.token(), null), 404, "not-found");
        assertProblem(api().get("/api/v1/social/activity/64646464/comments", user.token()), 404, "not-found");
        assertProblem(api().get("/api/v1/users/64646464/activity", user.token()), 404, "not-found");
        assertFieldError(api().get("/api/v1/users/" + user.id() + "/activity?cursor=xx", user.token()), "cursor");
        assertProblem(api().post("/api/v1/social/activity", null, Map.of("type", "POST")), 401, "unauthorized");
    }

    @Test
    void listsAUsersActivityNewestFirstWithCompleteItems() {
        TestUser author = newUser();
        TestUser viewer = newUser();
        List<Long> posted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            posted.add(post(author, "Run " + i));
        }
        api().post("/api/v1/social/activity/" + posted.get(4) + "/likes", viewer.token(), null);
        ApiResponse page = api().get("/api/v1/users/" + author.id() + "/activity?limit=3", viewer.token());
        var items = page.json().path("items");
        assertThat(items.size()).isEqualTo(3);
        assertThat(items.get(0).path("id").asLong()).isEqualTo(posted.get(4));
        assertThat(items.get(0).path("likedByMe").asBoolean()).isTrue();
        assertThat(items.get(0).path("likesCount").asLong()).isEqualTo(1);
        assertThat(items.get(1).path("likedByMe").asBoolean()).isFalse();
        assertThat(items.get(0).path("author").path("displayName").asString()).startsWith("Tester");
        ApiResponse next = api().get("/api/v1/users/" + author.id() + "/activity?limit=3&cursor="
                + page.json().path("nextCursor").asString(), viewer.token());
        assertThat(next.json().path("items").size()).isEqualTo(2);
        assertThat(next.json().path("items").get(1).path("id").asLong()).isEqualTo(posted.get(0));
    }

    @Test
    void activityListsCostOneStatementWhateverThePageSize() {
        TestUser author = newUser();
        TestUser viewer = newUser();
        for (int i = 0; i < 20; i++) {
            long id = post(author, "Lap " + i);
            if (i % 2 == 0) {
                api().post("/api/v1/social/activity/" + id + "/likes", viewer.token(), null);
            }
        }
        Supplier<Long> small = () -> statementsOf(() -> api().get("/api/v1/users/" + author.id() + "/activity?limit=2",
                viewer.token()));
        Supplier<Long> large = () -> statementsOf(() -> api().get("/api/v1/users/" + author.id() + "/activity?limit=20",
                viewer.token()));
        // the first read loads the viewer's likes; the page is one statement, the user check, the
        // authors and likedByMe come from their caches
        assertThat(small.get()).isEqualTo(2);
        assertThat(small.get()).isEqualTo(large.get()).isEqualTo(1);
    }

    private long statementsOf(Supplier<ApiResponse> request) {
        return sqlStatementsOf(request.get());
    }
}
