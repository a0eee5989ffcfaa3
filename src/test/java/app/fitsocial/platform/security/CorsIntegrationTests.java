package app.fitsocial.platform.security;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browsers on an allowed origin may call the API; every preflight is answered before
 * authentication, and no preflight counts against any rate limit (a browser sends them on its
 * own: five of them must not use up the 5-per-minute login limit). The test context allows the
 * origin {@value #ALLOWED}.
 */
class CorsIntegrationTests extends IntegrationTestSupport {

    private static final String ALLOWED = "https://app.fitsocial.example";

    private ApiResponse preflight(String path, String origin, String method, String headers) {
        return api().send(api().request(path, null).header("Origin", origin)
                .header("Access-Control-Request-Method", method).header("Access-Control-Request-Headers", headers)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredWithoutAToken() {
        ApiResponse response = preflight("/api/v1/social/feed", ALLOWED, "GET", "authorization,if-none-match");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(response.header("Access-Control-Allow-Methods")).hasValueSatisfying(m -> assertThat(m).contains("GET"));
        assertThat(response.header("Access-Control-Allow-Headers")).hasValueSatisfying(
                h -> assertThat(h.toLowerCase()).contains("authorization").contains("if-none-match"));
        assertThat(response.header("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(response.header("RateLimit")).as("not counted").isEmpty();
    }

    @Test
    void theAnswerToAnAllowedOriginExposesTheHeadersAClientReads() {
        TestUser user = newUser();
        ApiResponse response = api().send(api().request("/api/v1/social/feed?limit=1", user.token()).header("Origin", ALLOWED));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(response.header("Access-Control-Expose-Headers")).hasValueSatisfying(exposed -> assertThat(exposed)
                .contains("ETag").contains("Link").contains("Location").contains("Retry-After").contains("RateLimit"));
    }

    /** A page can read every refusal, the ones given before authentication included, and the 401s. */
    @Test
    void refusalsToAnAllowedOriginCarryTheCorsHeadersToo() {
        TestUser user = newUser();
        ApiResponse notAcceptable = api().send(api().request("/api/v1/social/feed", user.token()).header("Origin", ALLOWED)
                .setHeader("Accept", "application/xml"));
        assertThat(notAcceptable.status()).isEqualTo(406);
        assertThat(notAcceptable.header("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        ApiResponse unsupported = api().send(api().request("/api/v1/social/activity", user.token()).header("Origin", ALLOWED)
                .setHeader("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")));
        assertThat(unsupported.status()).isEqualTo(415);
        assertThat(unsupported.header("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        ApiResponse unauthenticated = api().send(api().request("/api/v1/social/feed", null).header("Origin", ALLOWED));
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(unauthenticated.header("Access-Control-Allow-Origin")).hasValue(ALLOWED);
    }

    @Test
    void anotherOriginIsRefusedWithAProblemBeforeAuthentication() {
        ApiResponse response = preflight("/api/v1/social/feed", "https://evil.example", "GET", "authorization");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asString()).endsWith("/cors-rejected");
        assertThat(response.json().path("instance").asString()).isEqualTo("/api/v1/social/feed");
        assertThat(response.header("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void preflightsNeverUseUpTheLoginLimit() {
        String address = "10.91.0.1";
        for (int i = 0; i < 12; i++) {
            ApiResponse response = api().send(api().request("/api/v1/auth/login", null).header("X-Forwarded-For", address)
                    .header("Origin", ALLOWED).header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertThat(response.status()).isEqualTo(200);
        }
        ApiResponse login = api().send(api().request("/api/v1/auth/login", null).header("X-Forwarded-For", address)
                .header("Origin", ALLOWED).setHeader("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"nobody@test.fitsocial.app\",\"password\":\"wrong-password\"}")));
        assertThat(login.status()).isEqualTo(401);
        assertThat(login.header("RateLimit")).hasValueSatisfying(limit -> assertThat(limit).startsWith("\"auth\";r=4;"));
        assertThat(login.header("Access-Control-Allow-Origin")).hasValue(ALLOWED);
    }
}
