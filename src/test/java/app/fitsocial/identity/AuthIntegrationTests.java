package app.fitsocial.identity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

class AuthIntegrationTests extends IntegrationTestSupport {

    private static final String PASSWORD = "correct-horse-battery";

    @Autowired
    private JwtEncoder jwtEncoder;

    private ApiResponse register(String email, String password, String displayName) {
        return api().post("/api/v1/auth/register", null,
                Map.of("email", email, "password", password, "displayName", displayName));
    }

    private String newEmail() {
        return unique("auth") + "@Example.com";
    }

    @Test
    void registersAUserAndReturnsTokens() {
        String email = newEmail();
        ApiResponse response = register(email, PASSWORD, "  Jamie Jogger ");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        var body = response.json();
        assertThat(body.path("user").path("id").isNumber()).isTrue();
        assertThat(body.path("user").path("email").asString()).isEqualTo(email.toLowerCase());
        assertThat(body.path("user").path("displayName").asString()).isEqualTo("Jamie Jogger");
        assertThat(body.path("user").path("role").asString()).isEqualTo("USER");
        assertThat(body.path("user").path("createdAt").asString()).endsWith("Z");
        assertThat(body.path("user").has("passwordHash")).isFalse();
        assertThat(body.path("accessToken").asString()).isNotBlank();
        assertThat(body.path("refreshToken").asString()).isNotBlank();
        assertThat(body.path("expiresIn").asLong()).isEqualTo(900);

        ApiResponse me = api().get("/api/v1/users/me", body.path("accessToken").asString());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("id").asLong()).isEqualTo(body.path("user").path("id").asLong());
    }

    @Test
    void storesPasswordsHashedWithBcrypt() {
        String email = newEmail();
        register(email, PASSWORD, "Hash Check");
        String hash = jdbc.sql("SELECT password_hash FROM users WHERE email = :email")
                .param("email", email.toLowerCase()).query(String.class).single();
        assertThat(hash).startsWith("$2a$").doesNotContain(PASSWORD);
    }

    @Test
    void rejectsADuplicateEmailWhateverItsCase() {
        String email = newEmail();
        assertThat(register(email, PASSWORD, "First").status()).isEqualTo(201);
        assertProblem(register(email.toUpperCase(), PASSWORD, "Second"), 409, "email-taken");
    }

    @Test
    void rejectsAWeakPassword() {
        ApiResponse response = register(newEmail(), "short", "Weak");
        assertFieldError(response, "password");
    }

    @Test
    void rejectsMissingFieldsNamingEachOfThem() {
        ApiResponse response = api().post("/api/v1/auth/register", null, "{}");
        assertFieldError(response, "email");
        assertFieldError(response, "password");
        assertFieldError(response, "displayName");
    }

    @Test
    void rejectsAnInvalidEmailAndOverLongDisplayName() {
        ApiResponse response = register("not-an-email", PASSWORD, "x".repeat(51));
        assertFieldError(response, "email");
        assertFieldError(response, "displayName");
    }

    @Test
    void rejectsMalformedJson() {
        ApiResponse response = api().post("/api/v1/auth/register", null, "{\"email\": \"a@b.c\", ");
        assertProblem(response, 400, "malformed-body");
    }

    @Test
    void rejectsWrongTypes() {
        ApiResponse response = api().post("/api/v1/auth/register", null,
                "{\"email\": \"a@b.c\", \"password\": \"long-enough-pw\", \"displayName\": {\"nested\": true}}");
        assertFieldError(response, "displayName");
    }

    @Test
    void rejectsAnEmptyBody() {
        ApiResponse response = api().post("/api/v1/auth/login", null, null);
        assertProblem(response, 400, "malformed-body");
    }

    @Test
    void logsInWithTheRightPassword() {
        String email = newEmail();
        register(email, PASSWORD, "Login");
        ApiResponse response = api().post("/api/v1/auth/login", null, Map.of("email", email, "password", PASSWORD));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("accessToken").asString()).isNotBlank();
        assertThat(response.json().path("user").path("email").asString()).isEqualTo(email.toLowerCase());
    }

    @Test
    void answersWrongPasswordAndUnknownEmailAlike() {
        String email = newEmail();
        register(email, PASSWORD, "Login");
        ApiResponse wrongPassword = api().post("/api/v1/auth/login", null,
                Map.of("email", email, "password", "wrong-password-1"));
        ApiResponse unknownEmail = api().post("/api/v1/auth/login", null,
                Map.of("email", newEmail(), "password", PASSWORD));
        assertProblem(wrongPassword, 401, "invalid-credentials");
        assertProblem(unknownEmail, 401, "invalid-credentials");
        assertThat(wrongPassword.json().path("detail")).isEqualTo(unknownEmail.json().path("detail"));
    }

    @Test
    void refreshRotatesTheTokenAndTheOldOneStopsWorking() {
        var session = register(newEmail(), PASSWORD, "Rotator").json();
        String first = session.path("refreshToken").asString();

        ApiResponse refreshed = api().post("/api/v1/auth/refresh", null, Map.of("refreshToken", first));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        String second = refreshed.json().path("refreshToken").asString();
        assertThat(second).isNotEqualTo(first);
        assertThat(api().get("/api/v1/users/me", refreshed.json().path("accessToken").asString()).status()).isEqualTo(200);

        assertProblem(api().post("/api/v1/auth/refresh", null, Map.of("refreshToken", first)), 401,
                "invalid-refresh-token");
    }

    @Test
    void reuseOfAReplacedRefreshTokenRevokesTheWholeFamily() {
        var session = register(newEmail(), PASSWORD, "Victim").json();
        String stolen = session.path("refreshToken").asString();
        String current = api().post("/api/v1/auth/refresh", null, Map.of("refreshToken", stolen))
                .json().path("refreshToken").asString();

        assertThat(api().post("/api/v1/auth/refresh", null, Map.of("refreshToken", stolen)).status()).isEqualTo(401);
        // the legitimate holder's newer token is revoked too: the family is compromised
        assertProblem(api().post("/api/v1/auth/refresh", null, Map.of("refreshToken", current)), 401,
                "invalid-refresh-token");
    }

    @Test
    void storesRefreshTokensOnlyAsHashes() {
        var session = register(newEmail(), PASSWORD, "Hashed").json();
        String token = session.path("refreshToken").asString();
        long stored = jdbc.sql("SELECT count(*) FROM refresh_tokens WHERE token_hash = :token")
                .param("token", token).query(Long.class).single();
        assertThat(stored).isZero();
    }

    @Test
    void logoutRevokesTheRefreshToken() {
        var session = register(newEmail(), PASSWORD, "Leaver").json();
        String token = session.path("refreshToken").asString();
        assertThat(api().post("/api/v1/auth/logout", null, Map.of("refreshToken", token)).status()).isEqualTo(204);
        assertThat(api().post("/api/v1/auth/refresh", null, Map.of("refreshToken", token)).status()).isEqualTo(401);
    }

    @Test
    void rejectsAnUnknownRefreshToken() {
        assertProblem(api().post("/api/v1/auth/refresh", null, Map.of("refreshToken", "made-up")), 401,
                "invalid-refresh-token");
    }

    @Test
    void rejectsRequestsWithoutAToken() {
        ApiResponse response = api().get("/api/v1/users/me", null);
        assertProblem(response, 401, "unauthorized");
        assertThat(response.header("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void rejectsATamperedToken() {
        TestUser user = newUser();
        String[] parts = user.token().split("\\.");
        String otherPayload = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"sub\":\"1\",\"iss\":\"fitsocial\",\"roles\":[\"ADMIN\"],\"exp\":"
                        + (Instant.now().getEpochSecond() + 600) + "}").getBytes());
        String tampered = parts[0] + "." + otherPayload + "." + parts[2];
        assertProblem(api().get("/api/v1/users/me", tampered), 401, "unauthorized");
        assertProblem(api().get("/api/v1/users/me", "not.a.jwt"), 401, "unauthorized");
    }

    @Test
    void rejectsAnExpiredToken() {
        TestUser user = newUser();
        Instant past = Instant.now().minusSeconds(3600);
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer("fitsocial").subject(Long.toString(user.id()))
                .issuedAt(past.minusSeconds(900)).expiresAt(past).claim("roles", List.of("USER")).build();
        String expired = jwtEncoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        assertProblem(api().get("/api/v1/users/me", expired), 401, "unauthorized");
    }

    @Test
    void rejectsAnUnsignedTokenWithAlgNone() {
        TestUser user = newUser();
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        String payload = base64.encodeToString(("{\"sub\":\"" + user.id() + "\",\"iss\":\"fitsocial\",\"roles\":[\"ADMIN\"],\"exp\":"
                + (Instant.now().getEpochSecond() + 600) + "}").getBytes());
        assertProblem(api().get("/api/v1/users/me", header + "." + payload + "."), 401, "unauthorized");
        assertProblem(api().get("/api/v1/admin/jobs", header + "." + payload + "."), 401, "unauthorized");
    }

    @Test
    void throttlesGuessesForOneAccountFromOneClientWithoutLockingTheOwnerOut() {
        String email = newEmail();
        register(email, PASSWORD, "Target");
        // the test context allows 4 failures per account and client (10 in production)
        for (int i = 1; i <= 4; i++) {
            assertProblem(loginFrom("10.77.0.1", email, "wrong-password-" + i), 401, "invalid-credentials");
        }
        // while throttled, even the right password from that client is refused: the guesser learns nothing
        ApiResponse throttled = loginFrom("10.77.0.1", email.toUpperCase(), PASSWORD);
        assertProblem(throttled, 429, "login-throttled");
        assertRefusedBy(throttled, "login-client", 4, 900);
        // a throttled attempt gives back the auth rule's token (5 a minute per address), so the
        // sixth and seventh requests from the address still meet the throttle, not that rule
        assertProblem(loginFrom("10.77.0.1", email, PASSWORD), 429, "login-throttled");
        assertProblem(loginFrom("10.77.0.1", email, PASSWORD), 429, "login-throttled");
        // the owner, anywhere else, is not locked out
        assertThat(loginFrom("10.77.9.9", email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void wrongPasswordsFromTwoAddressesDoNotLockTheOwnerOutOfAThird() {
        String email = newEmail();
        register(email, PASSWORD, "Owner");
        for (String address : List.of("10.81.0.1", "10.81.0.2")) {
            for (int i = 0; i < 5; i++) {
                int status = loginFrom(address, email, "wrong-password-" + i).status();
                assertThat(status).isEqualTo(i < 4 ? 401 : 429);
            }
        }
        assertThat(loginFrom("10.81.0.3", email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void capsGuessesForOneAccountSpreadOverManyAddresses() {
        String email = newEmail();
        register(email, PASSWORD, "Target");
        // the looser account-wide ceiling: 12 in the test context (100 an hour in production)
        for (int i = 1; i <= 12; i++) {
            assertProblem(loginFrom("10.82." + i + ".1", email, "wrong-password-" + i), 401, "invalid-credentials");
        }
        ApiResponse throttled = loginFrom("10.82.99.1", email, "wrong-password-13");
        assertProblem(throttled, 429, "login-throttled");
        assertRefusedBy(throttled, "login-account", 12, 3600);
        // other accounts are not affected
        String other = newEmail();
        register(other, PASSWORD, "Bystander");
        assertThat(loginFrom("10.82.99.2", other, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void addressesOfOneIpv6NetworkAreOneClient() {
        String email = newEmail();
        register(email, PASSWORD, "Roamer");
        // privacy addresses of one /64, and one more from the next network
        for (int i = 1; i <= 4; i++) {
            assertProblem(loginFrom("2001:db8:77:1::" + Integer.toHexString(i * 4099), email, "wrong-" + i), 401,
                    "invalid-credentials");
        }
        assertProblem(loginFrom("2001:db8:77:1:ffff::1", email, "wrong-5"), 429, "login-throttled");
        assertThat(loginFrom("2001:db8:77:2::1", email, PASSWORD).status()).isEqualTo(200);
    }

    /** A 429 whose every rate-limit header, and Retry-After, describes the rule that refused it. */
    private static void assertRefusedBy(ApiResponse response, String rule, long capacity, long window) {
        long retryAfter = Long.parseLong(response.header("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, window);
        assertThat(response.header("RateLimit")).hasValue("\"" + rule + "\";r=0;t=" + retryAfter);
        assertThat(response.header("RateLimit-Policy")).hasValue("\"" + rule + "\";q=" + capacity + ";w=" + window);
        assertThat(response.header("X-RateLimit-Limit")).hasValue(Long.toString(capacity));
        assertThat(response.header("X-RateLimit-Remaining")).hasValue("0");
        assertThat(response.header("X-RateLimit-Reset")).hasValue(Long.toString(retryAfter));
        assertThat(response.json().path("limit").asString()).isEqualTo(rule);
    }

    @Test
    void successfulLoginsDoNotUseUpTheAccountsAttempts() {
        String email = newEmail();
        register(email, PASSWORD, "Regular");
        for (int i = 0; i < 15; i++) {
            ApiResponse response = loginFrom("10.79.0." + (i + 1), email, PASSWORD);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
        }
        assertProblem(loginFrom("10.79.1.1", email, "wrong-password"), 401, "invalid-credentials");
    }

    @Test
    void aWrongPasswordTakesAsLongAsAnUnknownEmail() {
        // both answers are one bcrypt comparison: compare the medians of a few of each
        List<String> known = List.of(newEmail(), newEmail());
        known.forEach(email -> register(email, PASSWORD, "Timed"));
        loginFrom("10.80.0.1", newEmail(), PASSWORD); // warm up both paths
        loginFrom("10.80.0.2", known.get(0), "wrong-password");
        long[] wrongPassword = new long[8];
        long[] unknownEmail = new long[8];
        for (int i = 0; i < 8; i++) {
            long start = System.nanoTime();
            assertThat(loginFrom("10.80.1." + (i + 1), known.get(i % 2), "wrong-password-" + i).status()).isEqualTo(401);
            wrongPassword[i] = System.nanoTime() - start;
            start = System.nanoTime();
            assertThat(loginFrom("10.80.2." + (i + 1), newEmail(), "wrong-password-" + i).status()).isEqualTo(401);
            unknownEmail[i] = System.nanoTime() - start;
        }
        double ratio = (double) median(wrongPassword) / median(unknownEmail);
        assertThat(ratio).as("median wrong-password time / median unknown-email time").isBetween(0.6, 1.67);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private ApiResponse loginFrom(String address, String email, String password) {
        return api().send(api().request("/api/v1/auth/login", null).header("X-Forwarded-For", address)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")));
    }
}
