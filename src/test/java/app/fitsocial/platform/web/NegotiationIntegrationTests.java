package app.fitsocial.platform.web;

import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON in, JSON out, decided before anything runs: a 406 or 415 writes no row, is never stored
 * as an idempotent result, and a success is never labelled a problem.
 */
class NegotiationIntegrationTests extends IntegrationTestSupport {

    private static final List<String> TABLES = List.of("users", "refresh_tokens", "providers", "fitness_classes",
            "bookings", "reviews", "follows", "activities", "activity_likes", "activity_comments", "groups",
            "group_members", "conversations", "conversation_participants", "messages", "notifications",
            "idempotency_keys", "event_publication", "follower_count_deltas", "rating_changes");

    private Map<String, Long> rows() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single());
        }
        return counts;
    }

    /** The writes of the API, each with a body that would succeed. */
    private Map<String, String> writes(TestUser user, TestUser other, long classId, long groupId, long activityId) {
        Map<String, String> writes = new LinkedHashMap<>();
        writes.put("POST /api/v1/social/activity", "{\"type\":\"POST\",\"text\":\"Hello\"}");
        writes.put("POST /api/v1/social/activity/" + activityId + "/comments", "{\"text\":\"Nice\"}");
        writes.put("POST /api/v1/messages/send", "{\"recipientId\":" + other.id() + ",\"body\":\"Hi\"}");
        writes.put("POST /api/v1/groups", "{\"name\":\"" + unique("Group") + "\"}");
        writes.put("POST /api/v1/classes/" + classId + "/bookings", "");
        writes.put("POST /api/v1/users/" + other.id() + "/follow", "");
        writes.put("POST /api/v1/groups/" + groupId + "/members", "");
        writes.put("PATCH /api/v1/users/me", "{\"bio\":\"New bio\"}");
        writes.put("POST /api/v1/auth/register",
                "{\"email\":\"" + unique("neg") + "@test.fitsocial.app\",\"password\":\"long-enough-pass\",\"displayName\":\"Neg\"}");
        return writes;
    }

    private ApiResponse send(String operation, String body, String token, String accept, String contentType) {
        String[] parts = operation.split(" ", 2);
        HttpRequest.Builder request = api().request(parts[1], token).setHeader("Accept", accept)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .method(parts[0], body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (!body.isEmpty()) {
            request.setHeader("Content-Type", contentType);
        }
        return api().send(request);
    }

    @Test
    void aWriteThatCannotAnswerInJsonIsRefusedBeforeItRunsAndWritesNothing() {
        TestUser user = newUser();
        TestUser other = newUser();
        long classId = newClass(newProvider(null, "Negotiaton"), inDays(3), 20);
        long groupId = api().post("/api/v1/groups", other.token(), Map.of("name", unique("Club"))).json().path("id").asLong();
        long activityId = postActivity(other, "Comment on me");
        Map<String, String> writes = writes(user, other, classId, groupId, activityId);
        Map<String, Long> before = rows();
        for (var write : writes.entrySet()) {
            for (String accept : List.of("application/xml", "application/yaml", "application/x-jackson-smile",
                    "text/html", "application/problem+json", "application/json;q=0")) {
                ApiResponse response = send(write.getKey(), write.getValue(), user.token(), accept, "application/json");
                assertThat(response.status()).as(write.getKey() + " Accept: " + accept).isEqualTo(406);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.json().path("type").asString()).endsWith("/not-acceptable");
                assertThat(response.json().path("instance").asString()).isEqualTo(write.getKey().split(" ", 2)[1]);
            }
            if (!write.getValue().isEmpty()) {
                for (String type : List.of("application/xml", "text/plain", "application/x-www-form-urlencoded",
                        "application/json;charset=ISO-8859-1")) {
                    ApiResponse response = send(write.getKey(), write.getValue(), user.token(), "application/json", type);
                    assertThat(response.status()).as(write.getKey() + " Content-Type: " + type).isEqualTo(415);
                    assertThat(response.json().path("type").asString()).endsWith("/unsupported-media-type");
                }
            }
        }
        assertThat(rows()).as("no row written by any 406 or 415").isEqualTo(before);
    }

    @Test
    void aRefusalIsNeverReplayedForItsIdempotencyKey() {
        TestUser user = newUser();
        String key = UUID.randomUUID().toString();
        HttpRequest.Builder refused = api().request("/api/v1/social/activity", user.token()).setHeader("Accept", "application/xml")
                .header("Idempotency-Key", key).setHeader("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"POST\",\"text\":\"Once\"}"));
        assertThat(api().send(refused).status()).isEqualTo(406);
        HttpRequest.Builder retry = api().request("/api/v1/social/activity", user.token())
                .header("Idempotency-Key", key).setHeader("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"POST\",\"text\":\"Once\"}"));
        ApiResponse created = api().send(retry);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Idempotent-Replayed")).isEmpty();
        assertThat(api().send(retry).header("Idempotent-Replayed")).hasValue("true");
    }

    @Test
    void readsAreJsonOnlyAndASuccessIsNeverAProblem() {
        for (String accept : List.of("application/yaml", "application/xml", "application/x-jackson-smile",
                "application/cbor", "application/problem+json")) {
            ApiResponse response = api().send(api().request("/api/v1/classes", null).setHeader("Accept", accept));
            assertThat(response.status()).as(accept).isEqualTo(406);
        }
        for (String accept : List.of("application/json", "*/*", "application/*", "application/json, application/problem+json",
                "text/html;q=0.9, */*;q=0.1")) {
            ApiResponse response = api().send(api().request("/api/v1/classes?fields=id", null).setHeader("Accept", accept));
            assertThat(response.status()).as(accept).isEqualTo(200);
            assertThat(response.contentType()).as(accept).startsWith("application/json").doesNotContain("problem");
        }
        // a malformed Accept admits nothing the API can answer in
        assertThat(api().send(api().request("/api/v1/classes", null).setHeader("Accept", "application/")).status()).isEqualTo(406);
    }
}
