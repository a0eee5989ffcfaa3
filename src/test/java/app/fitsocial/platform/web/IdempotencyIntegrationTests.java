package app.fitsocial.platform.web;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Idempotency-Key} on create requests: replays, conflicts and concurrent duplicates. */
class IdempotencyIntegrationTests extends IntegrationTestSupport {

    @Test
    void aRetriedPostGetsTheOriginalResponseWithoutRunningTwice() {
        TestUser author = newUser();
        String key = UUID.randomUUID().toString();
        String body = "{\"type\":\"POST\",\"text\":\"only once\"}";
        ApiResponse first = post("/api/v1/social/activity", author.token(), key, body);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isEmpty();

        ApiResponse replay = post("/api/v1/social/activity", author.token(), key, body);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
        assertThat(replay.contentType()).startsWith("application/json");
        assertThat(replay.header("Idempotent-Replayed")).hasValue("true");
        assertThat(rows("SELECT count(*) FROM activities WHERE author_id = ?", author.id())).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndKeysArePerCaller() {
        TestUser author = newUser();
        String key = UUID.randomUUID().toString();
        assertThat(post("/api/v1/social/activity", author.token(), key, "{\"type\":\"POST\",\"text\":\"a\"}").status())
                .isEqualTo(201);
        assertProblem(post("/api/v1/social/activity", author.token(), key, "{\"type\":\"POST\",\"text\":\"b\"}"), 422,
                "idempotency-key-reused");

        TestUser other = newUser();
        ApiResponse sameKeyOtherUser = post("/api/v1/social/activity", other.token(), key, "{\"type\":\"POST\",\"text\":\"a\"}");
        assertThat(sameKeyOtherUser.status()).isEqualTo(201);
        assertThat(sameKeyOtherUser.header("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void concurrentDuplicatesExecuteOnce() throws Exception {
        TestUser sender = newUser();
        TestUser recipient = newUser();
        String key = UUID.randomUUID().toString();
        String body = "{\"recipientId\":" + recipient.id() + ",\"body\":\"hello once\"}";
        List<Callable<ApiResponse>> duplicates = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            duplicates.add(() -> post("/api/v1/messages/send", sender.token(), key, body));
        }
        List<ApiResponse> responses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<ApiResponse> response : pool.invokeAll(duplicates)) {
                responses.add(response.get());
            }
        }
        finally {
            pool.shutdown();
        }
        assertThat(responses).allSatisfy(response -> assertThat(response.status()).as(response.toString()).isEqualTo(201));
        assertThat(responses.stream().map(ApiResponse::body).distinct()).hasSize(1);
        assertThat(rows("SELECT count(*) FROM messages WHERE sender_id = ?", sender.id())).isEqualTo(1);
    }

    @Test
    void bookingsAndRegistrationsAreReplayedToo() {
        long classId = newClass(newProvider(null, "Keytown"), inDays(4), 5);
        TestUser booker = newUser();
        String key = UUID.randomUUID().toString();
        ApiResponse booked = post("/api/v1/classes/" + classId + "/bookings", booker.token(), key, "");
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        ApiResponse again = post("/api/v1/classes/" + classId + "/bookings", booker.token(), key, "");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(booked.body());
        assertThat(api().get("/api/v1/classes/" + classId, null).json().path("spotsLeft").asInt()).isEqualTo(4);
        // without a key, the same request is a new one: a second booking is refused
        assertProblem(api().post("/api/v1/classes/" + classId + "/bookings", booker.token(), null), 409, "already-booked");

        String email = unique("keyed") + "@test.fitsocial.app";
        String registration = "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\",\"displayName\":\"Keyed\"}";
        String registrationKey = UUID.randomUUID().toString();
        ApiResponse registered = post("/api/v1/auth/register", null, registrationKey, registration);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        ApiResponse replayed = post("/api/v1/auth/register", null, registrationKey, registration);
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.json().path("user").path("id").asLong())
                .isEqualTo(registered.json().path("user").path("id").asLong());
        assertThat(rows("SELECT count(*) FROM users WHERE email = ?", email)).isEqualTo(1);
        // the stored response is not readable from the table: session tokens never sit there in clear
        String stored = jdbc.sql("SELECT encode(body, 'escape') FROM idempotency_keys WHERE idempotency_key = ?")
                .param(registrationKey).query(String.class).single();
        assertThat(stored).doesNotContain(registered.json().path("refreshToken").asString()).doesNotContain(email);
    }

    @Test
    void clientErrorsAreReplayedAndBadKeysAreRejected() {
        TestUser author = newUser();
        String key = UUID.randomUUID().toString();
        ApiResponse invalid = post("/api/v1/social/activity", author.token(), key, "{\"type\":\"NOPE\"}");
        assertThat(invalid.status()).isEqualTo(400);
        ApiResponse replayed = post("/api/v1/social/activity", author.token(), key, "{\"type\":\"NOPE\"}");
        assertThat(replayed.status()).isEqualTo(400);
        assertThat(replayed.body()).isEqualTo(invalid.body());
        assertThat(replayed.contentType()).startsWith("application/problem+json");

        assertProblem(post("/api/v1/social/activity", author.token(), "k".repeat(256), "{\"type\":\"POST\",\"text\":\"x\"}"),
                400, "invalid-idempotency-key");
        assertProblem(post("/api/v1/social/activity", author.token(), "has space", "{\"type\":\"POST\",\"text\":\"x\"}"),
                400, "invalid-idempotency-key");
        assertThat(rows("SELECT count(*) FROM activities WHERE author_id = ?", author.id())).isZero();
        // the key is checked after authentication: no token, no replay
        assertProblem(post("/api/v1/social/activity", null, key, "{\"type\":\"NOPE\"}"), 401, "unauthorized");
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedWith413() {
        TestUser author = newUser();
        String huge = "{\"type\":\"POST\",\"text\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}";
        assertProblem(post("/api/v1/social/activity", author.token(), UUID.randomUUID().toString(), huge), 413,
                "content-too-large");
        assertThat(rows("SELECT count(*) FROM activities WHERE author_id = ?", author.id())).isZero();
    }

    private ApiResponse post(String path, @Nullable String token, String key, String body) {
        return api().send(api().request(path, token).header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private long rows(String sql, Object parameter) {
        return jdbc.sql(sql).param(parameter).query(Long.class).single();
    }
}
