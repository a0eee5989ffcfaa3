package app.fitsocial;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Content that looks like code is data: SQL, markup, template and unicode tricks are stored and
 * returned exactly as sent (and escaped as JSON requires), NUL characters are refused as invalid
 * input, and bodies over 1 MiB are refused with 413 on every operation that takes a body,
 * whether the client declared their length or streamed them in chunks.
 */
class HostileContentIntegrationTests extends IntegrationTestSupport {

    private static final List<String> TRICKY = List.of(
            "'; DROP TABLE users; --",
            "<script>alert('x')</script><img src=x onerror=alert(1)>",
            "${jndi:ldap://evil/a} #{7*7} {{7*7}} %s%n%x",
            "Robert\"); DELETE FROM activities WHERE (\"1\"=\"1",
            "back\\slash \"quotes\" tab\there\nnew line \u0001\u001f bell\u0007",
            "\u202eright-to-left \u200bzero-width \ud83d\udcaa\ud83c\udffd 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 日本語 עברית");

    @Test
    void codeLikeTextIsStoredAndReturnedVerbatim() {
        TestUser author = newUser();
        TestUser reader = newUser();
        for (String text : TRICKY) {
            long activity = postActivity(author, text);
            ApiResponse read = api().get("/api/v1/social/activity/" + activity, reader.token());
            assertThat(read.json().path("text").asString()).isEqualTo(text);
            assertEscaped(read);

            ApiResponse comment = api().post("/api/v1/social/activity/" + activity + "/comments", reader.token(),
                    Map.of("text", text));
            assertThat(comment.status()).as(comment.toString()).isEqualTo(201);
            ApiResponse comments = api().get("/api/v1/social/activity/" + activity + "/comments", author.token());
            assertThat(comments.json().path("items").path(0).path("text").asString()).isEqualTo(text);
            assertEscaped(comments);

            ApiResponse sent = api().post("/api/v1/messages/send", author.token(),
                    Map.of("recipientId", reader.id(), "body", text));
            assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
            ApiResponse messages = api().get("/api/v1/conversations/" + sent.json().path("conversationId").asLong()
                    + "/messages", reader.token());
            assertThat(messages.json().path("items").path(0).path("body").asString()).isEqualTo(text);

            ApiResponse patched = api().patch("/api/v1/users/me", author.token(), Map.of("bio", text));
            assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
            assertThat(api().get("/api/v1/users/me", author.token()).json().path("bio").asString()).isEqualTo(text);

            ApiResponse group = api().post("/api/v1/groups", author.token(), Map.of("name", "g " + text.substring(0, 10),
                    "description", text));
            assertThat(group.status()).as(group.toString()).isEqualTo(201);
            assertThat(api().get("/api/v1/groups/" + group.json().path("id").asLong(), reader.token()).json()
                    .path("description").asString()).isEqualTo(text);
        }
        // and nothing was executed: the tables the strings name are all still there
        assertThat(jdbc.sql("SELECT count(*) FROM users").query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM activities WHERE author_id = ?").param(author.id())
                .query(Long.class).single()).isEqualTo(TRICKY.size());
    }

    @Test
    void nulCharactersAreRefusedAsInvalidInput() {
        TestUser author = newUser();
        ApiResponse response = api().post("/api/v1/social/activity", author.token(),
                "{\"type\":\"POST\",\"text\":\"before\\u0000after\"}");
        assertProblem(response, 400, "validation");
        ApiResponse bio = api().patch("/api/v1/users/me", author.token(), "{\"bio\":\"\\u0000\"}");
        assertProblem(bio, 400, "validation");
        assertThat(jdbc.sql("SELECT count(*) FROM activities WHERE author_id = ?").param(author.id())
                .query(Long.class).single()).isZero();
    }

    /** Half a UTF-16 surrogate pair is no character: UTF-8 storage would have turned it into "?". */
    @Test
    void loneSurrogatesAreRefusedAndPairsKept() {
        TestUser author = newUser();
        for (String text : List.of("\\ud800", "a\\udc00b", "\\ud83d")) {
            ApiResponse bio = api().patch("/api/v1/users/me", author.token(), "{\"bio\":\"" + text + "\"}");
            assertProblem(bio, 400, "validation");
            assertThat(bio.json().path("errors").path(0).path("field").asString()).isEqualTo("bio");
        }
        ApiResponse pair = api().patch("/api/v1/users/me", author.token(), "{\"bio\":\"\\ud83d\\udcaa\"}");
        assertThat(pair.status()).isEqualTo(200);
        assertThat(api().get("/api/v1/users/" + author.id(), author.token()).json().path("bio").asString())
                .isEqualTo("\uD83D\uDCAA");
    }

    @Test
    void aNumberTooLargeForItsFieldIsAFieldErrorNotInvalidJson() {
        TestUser user = newUser();
        ApiResponse response = api().post("/api/v1/reviews", user.token(),
                "{\"classId\":9223372036854775808,\"rating\":5,\"text\":\"fine\"}");
        assertProblem(response, 400, "validation");
        assertThat(response.json().path("errors").path(0).path("field").asString()).isEqualTo("classId");
    }

    /** Of two values for one field, neither wins in silence; nothing is written. */
    @Test
    void aFieldGivenTwiceIsRefusedByName() {
        TestUser author = newUser();
        ApiResponse response = api().post("/api/v1/social/activity", author.token(),
                "{\"type\":\"POST\",\"text\":\"first\",\"text\":\"second\"}");
        assertProblem(response, 400, "validation");
        assertThat(response.json().path("errors").path(0).path("field").asString()).isEqualTo("text");
        assertThat(response.json().path("errors").path(0).path("message").asString()).isEqualTo("appears more than once");
        assertThat(jdbc.sql("SELECT count(*) FROM activities WHERE author_id = ?").param(author.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aNullInAListIsAFieldErrorNotAFailure() {
        TestUser user = newUser();
        ApiResponse response = api().patch("/api/v1/users/me", user.token(), "{\"interests\":[\"yoga\",null]}");
        assertProblem(response, 400, "validation");
        assertThat(response.json().path("errors").path(0).path("field").asString()).startsWith("interests");
    }

    @Test
    void bodiesOverOneMebibyteAreRefusedWith413OnEveryOperationThatTakesABody() {
        // an admin may call every operation, so that no 403 comes first (authorization precedes reading a body)
        TestUser user = newUser("ADMIN");
        String huge = "{\"text\":\"" + "x".repeat(1024 * 1024) + "\"}";
        JsonNode paths = api().get("/v3/api-docs", null).json().path("paths");
        int checked = 0;
        for (String template : paths.propertyNames()) {
            for (String method : List.of("post", "put", "patch")) {
                if (!template.startsWith("/api/v1/") || !paths.path(template).has(method)) {
                    continue;
                }
                String path = template.replaceAll("\\{[^}]+}", "1");
                HttpRequest.Builder declared = api().request(path, user.token())
                        .method(method.toUpperCase(), HttpRequest.BodyPublishers.ofString(huge));
                assertProblem(api().send(declared), 413, "content-too-large");
                HttpRequest.Builder chunked = api().request(path, user.token())
                        .method(method.toUpperCase(), chunked(huge));
                assertProblem(api().send(chunked), 413, "content-too-large");
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(15);
        // a body just under the limit is read and judged on its content
        String fits = "{\"type\":\"POST\",\"text\":\"" + "x".repeat(1000 * 1000) + "\"}";
        assertFieldError(api().send(api().request("/api/v1/social/activity", user.token()).POST(chunked(fits))), "text");
    }

    @Test
    void requestsTomcatRefusesItselfAreAnsweredWithAProblemToo() {
        // '[' and ']' are not allowed in a request target: Tomcat refuses the request before Spring sees it
        TestUser user = newUser();
        ApiResponse refused = api().get("/api/v1/classes?cursor=[]", user.token());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("type").asString()).isEqualTo("https://fitsocial.app/problems/bad-request");
        assertThat(refused.json().path("status").asInt()).isEqualTo(400);
        assertThat(refused.body()).doesNotContain("<html").doesNotContain("Tomcat");
    }

    /** A body without a declared length, sent with {@code Transfer-Encoding: chunked}. */
    private static HttpRequest.BodyPublisher chunked(String body) {
        HttpRequest.BodyPublisher bytes = HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.UTF_8));
        return new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
                bytes.subscribe(subscriber);
            }
        };
    }

    private static void assertEscaped(ApiResponse response) {
        assertThat(response.body().chars().filter(c -> c < 0x20)).as("raw control characters in " + response).isEmpty();
    }
}
