package app.fitsocial.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every value a client sends is checked against what the service and PostgreSQL can hold: a
 * value outside is a 400 naming its field, never a 409 "conflict" or a 500.
 */
class InputDomainIntegrationTests extends IntegrationTestSupport {

    private static String cursor(String... parts) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8));
    }

    /** Cursors that decode but carry values this service never hands out. */
    @Test
    void aCursorTheServiceCouldNotHaveIssuedIsTheOneCursorProblem() {
        TestUser user = newUser();
        long classId = newClass(newProvider(null, "Cursorville"), inDays(-1), 10);
        long conversation = api().post("/api/v1/messages/send", user.token(), Map.of("recipientId", newUser().id(), "body", "Hi"))
                .json().path("conversationId").asLong();
        List<String> times = List.of(cursor("1", "t", "9223372036854775807", "0", "1"),
                cursor("1", "t", "-9223372036854775808", "0", "1"), cursor("1", "t", "253402300800", "0", "1"),
                cursor("1", "t", "1764460800", "1000000000", "1"), cursor("1", "t", "1764460800", "0", "-5"));
        List<String> texts = List.of(cursor("1", "s", "a\u0000b", "1"), cursor("1", "s", "x".repeat(600), "1"),
                cursor("1", "s", "name", "-1"));
        List<String> ids = List.of(cursor("1", "i", "-1"), cursor("1", "i", "99999999999999999999"));
        for (String bad : times) {
            for (String path : List.of("/api/v1/classes", "/api/v1/users/me/bookings", "/api/v1/conversations",
                    "/api/v1/conversations/" + conversation + "/messages", "/api/v1/reviews?classId=" + classId)) {
                String sep = path.contains("?") ? "&" : "?";
                assertFieldError(api().get(path + sep + "cursor=" + bad, user.token()), "cursor");
            }
        }
        for (String bad : texts) {
            for (String path : List.of("/api/v1/users?q=a", "/api/v1/groups?q=a")) {
                assertFieldError(api().get(path + "&cursor=" + bad, user.token()), "cursor");
            }
        }
        for (String bad : ids) {
            for (String path : List.of("/api/v1/social/feed", "/api/v1/notifications", "/api/v1/providers")) {
                assertFieldError(api().get(path + "?cursor=" + bad, user.token()), "cursor");
            }
        }
    }

    @Test
    void aTimeOutsideYearsNineteenSeventyToNineThousandNineHundredNinetyNineIsRefused() {
        TestUser provider = newUser("PROVIDER");
        newProvider(provider.id(), "Lyon");
        for (String from : List.of("%2B300000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "10000-01-01T00:00:00Z",
                "1969-12-31T23:59:59Z", "2026-11-30T10:00:00")) {
            assertFieldError(api().get("/api/v1/classes?from=" + from, null), "from");
        }
        assertThat(api().get("/api/v1/classes?from=2026-11-30T10:00:00%2B01:00", null).status()).isEqualTo(200);
        Map<String, Object> body = new java.util.HashMap<>(Map.of("title", "Far future", "type", "YOGA",
                "durationMinutes", 60, "capacity", 10, "city", "Lyon"));
        for (String datetime : List.of("+10000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2062-11-30T10:00:00Z")) {
            body.put("datetime", datetime);
            assertFieldError(api().post("/api/v1/classes", provider.token(), body), "datetime");
        }
        body.put("datetime", 1_900_000_000);
        assertFieldError(api().post("/api/v1/classes", provider.token(), body), "datetime");
        body.put("datetime", java.time.Instant.now().plus(java.time.Duration.ofDays(30)).toString());
        ApiResponse created = api().post("/api/v1/classes", provider.token(), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    /** BCrypt reads 72 bytes: 72 ASCII letters, 36 two-byte, 24 three-byte or 18 four-byte characters. */
    @Test
    void aPasswordIsLimitedToSeventyTwoBytesAndCountedInCharacters() {
        for (String unit : List.of("é", "€", "💪")) {
            int perByte = unit.getBytes(StandardCharsets.UTF_8).length;
            int fits = 72 / perByte;
            String exactly = unit.repeat(fits) + "a".repeat(72 - fits * perByte);
            assertThat(exactly.getBytes(StandardCharsets.UTF_8)).hasSize(72);
            assertThat(register(exactly).status()).as(unit + " at 72 bytes").isEqualTo(201);
            assertFieldError(register(exactly + "a"), "password");
            assertFieldError(login(exactly + "a"), "password");
        }
        // ten characters are ten code points: five emoji are five, not ten
        assertFieldError(register("💪".repeat(5)), "password");
        assertThat(register("💪".repeat(10)).status()).isEqualTo(201);
    }

    /** Lengths count characters (code points), as PostgreSQL and JSON Schema do: an emoji is one. */
    @Test
    void textLengthsCountCharactersNotUtf16Units() {
        TestUser user = newUser();
        TestUser other = newUser();
        ApiResponse emoji = api().post("/api/v1/messages/send", user.token(),
                Map.of("recipientId", other.id(), "body", "💪".repeat(4000)));
        assertThat(emoji.status()).as(emoji.toString()).isEqualTo(201);
        assertFieldError(api().post("/api/v1/messages/send", user.token(),
                Map.of("recipientId", other.id(), "body", "💪".repeat(4001))), "body");
        assertThat(api().patch("/api/v1/users/me", user.token(), Map.of("displayName", "🏋".repeat(50))).status())
                .isEqualTo(200);
        assertFieldError(api().patch("/api/v1/users/me", user.token(), Map.of("displayName", "🏋".repeat(51))), "displayName");
    }

    private ApiResponse register(String password) {
        return api().post("/api/v1/auth/register", null, Map.of("email", unique("bytes") + "@test.fitsocial.app",
                "password", password, "displayName", "Bytes"));
    }

    private ApiResponse login(String password) {
        return api().post("/api/v1/auth/login", null, Map.of("email", unique("bytes") + "@test.fitsocial.app",
                "password", password));
    }

    /** A misspelt field is refused, naming it, instead of being dropped while the rest applies. */
    @Test
    void aFieldTheRequestDoesNotHaveIsRefusedNamingIt() {
        TestUser user = newUser();
        String before = api().get("/api/v1/users/me", user.token()).json().path("displayName").asString();
        assertFieldError(api().patch("/api/v1/users/me", user.token(), "{\"displayname\":\"Typo\"}"), "displayname");
        assertFieldError(api().post("/api/v1/social/activity", user.token(),
                "{\"type\":\"POST\",\"text\":\"Hi\",\"visibility\":\"PUBLIC\"}"), "visibility");
        assertThat(api().get("/api/v1/users/me", user.token()).json().path("displayName").asString()).isEqualTo(before);
        assertThat(api().get("/api/v1/users/" + user.id() + "/activity", user.token()).json().path("items")).isEmpty();
    }
}
