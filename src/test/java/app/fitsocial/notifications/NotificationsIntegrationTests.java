package app.fitsocial.notifications;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;
import app.fitsocial.social.ActivityLiked;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class NotificationsIntegrationTests extends IntegrationTestSupport {

    private List<String> types(TestUser user) {
        ApiResponse response = api().get("/api/v1/notifications?limit=100", user.token());
        assertThat(response.status()).isEqualTo(200);
        return response.json().path("items").valueStream().map(n -> n.path("type").asString()).toList();
    }

    private void awaitTypes(TestUser user, String... expected) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(types(user)).containsExactly(expected));
    }

    @Test
    void followsLikesCommentsAndMessagesNotifyTheirTarget() {
        TestUser author = newUser();
        TestUser fan = newUser();
        api().post("/api/v1/users/" + author.id() + "/follow", fan.token(), null);
        awaitTypes(author, "NEW_FOLLOWER");

        long activity = api().post("/api/v1/social/activity", author.token(), Map.of("type", "POST", "text", "Hi"))
                .json().path("id").asLong();
        api().post("/api/v1/social/activity/" + activity + "/likes", fan.token(), null);
        awaitTypes(author, "LIKE", "NEW_FOLLOWER");
        api().post("/api/v1/social/activity/" + activity + "/comments", fan.token(), Map.of("text", "Nice"));
        awaitTypes(author, "COMMENT", "LIKE", "NEW_FOLLOWER");
        api().post("/api/v1/messages/send", fan.token(), Map.of("recipientId", author.id(), "body", "Hey"));
        awaitTypes(author, "MESSAGE", "COMMENT", "LIKE", "NEW_FOLLOWER");

        var newest = api().get("/api/v1/notifications", author.token()).json().path("items").get(0);
        assertThat(newest.path("actor").path("id").asLong()).isEqualTo(fan.id());
        assertThat(newest.path("text").asString()).contains("sent you a message");
        assertThat(newest.path("read").asBoolean()).isFalse();
        assertThat(types(fan)).isEmpty();
    }

    @Test
    void ownLikesAndRepeatedFollowsDoNotNotifyTwice() {
        TestUser author = newUser();
        TestUser fan = newUser();
        long activity = api().post("/api/v1/social/activity", author.token(), Map.of("type", "POST", "text", "Solo"))
                .json().path("id").asLong();
        api().post("/api/v1/social/activity/" + activity + "/likes", author.token(), null);
        api().post("/api/v1/users/" + author.id() + "/follow", fan.token(), null);
        api().delete("/api/v1/users/" + author.id() + "/follow", fan.token());
        api().post("/api/v1/users/" + author.id() + "/follow", fan.token(), null);
        awaitTypes(author, "NEW_FOLLOWER");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(types(author)).containsExactly("NEW_FOLLOWER"));
    }

    @Autowired
    private NotificationListeners listeners;

    @Test
    void aRedeliveredEventCreatesOneNotification() {
        TestUser author = newUser();
        TestUser fan = newUser();
        var liked = new ActivityLiked(postActivity(author, "Once"), author.id(), fan.id());
        listeners.on(liked);
        listeners.on(liked); // as after a crash between handling and completion
        awaitTypes(author, "LIKE");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(types(author)).containsExactly("LIKE"));
    }

    @Test
    void marksNotificationsRead() {
        TestUser target = newUser();
        TestUser a = newUser();
        TestUser b = newUser();
        api().post("/api/v1/users/" + target.id() + "/follow", a.token(), null);
        api().post("/api/v1/users/" + target.id() + "/follow", b.token(), null);
        awaitTypes(target, "NEW_FOLLOWER", "NEW_FOLLOWER");
        var items = api().get("/api/v1/notifications", target.token()).json().path("items");
        long first = items.get(0).path("id").asLong();

        assertThat(api().post("/api/v1/notifications/read", target.token(), Map.of("ids", List.of(first))).status())
                .isEqualTo(204);
        var after = api().get("/api/v1/notifications", target.token()).json().path("items");
        assertThat(after.get(0).path("read").asBoolean()).isTrue();
        assertThat(after.get(1).path("read").asBoolean()).isFalse();

        assertThat(api().post("/api/v1/notifications/read", target.token(), null).status()).isEqualTo(204);
        api().get("/api/v1/notifications", target.token()).json().path("items")
                .forEach(n -> assertThat(n.path("read").asBoolean()).isTrue());
    }

    @Test
    void rejectsBadNotificationRequests() {
        TestUser user = newUser();
        assertFieldError(api().post("/api/v1/notifications/read", user.token(), Map.of("ids", List.of(-1))), "ids[0]");
        assertFieldError(api().post("/api/v1/notifications/read", user.token(), Map.of("ids", "all")), "ids");
        assertFieldError(api().get("/api/v1/notifications?cursor=no", user.token()), "cursor");
        assertFieldError(api().get("/api/v1/notifications?limit=0", user.token()), "limit");
        assertProblem(api().get("/api/v1/notifications", null), 401, "unauthorized");
    }
}
