package app.fitsocial.platform.security;

import java.util.Map;

import org.junit.jupiter.api.Test;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security headers of every kind of answer: personal data is never stored by a cache unless
 * it is revalidated with its ETag, content types are never sniffed, and HSTS is sent over TLS.
 */
class SecurityHeadersIntegrationTests extends IntegrationTestSupport {

    @Test
    void personalDataIsRevalidatedWithItsETagAndNeverSniffed() {
        TestUser user = newUser();
        ApiResponse me = api().get("/api/v1/users/me", user.token());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.header("Cache-Control")).hasValue("private, no-cache");
        assertThat(me.header("ETag")).isPresent();
        assertThat(me.header("X-Content-Type-Options")).hasValue("nosniff");

        ApiResponse revalidated = api().send(api().request("/api/v1/users/me", user.token())
                .header("If-None-Match", me.header("ETag").orElseThrow()).GET());
        assertThat(revalidated.status()).isEqualTo(304);
        assertThat(revalidated.header("Cache-Control")).hasValue("private, no-cache");
    }

    @Test
    void answersWithoutAnETagAreNeverStored() {
        String email = unique("headers") + "@test.fitsocial.app";
        ApiResponse session = api().post("/api/v1/auth/register", null,
                Map.of("email", email, "password", "correct horse battery", "displayName", "Headers"));
        assertThat(session.status()).isEqualTo(201);
        assertNoStore(session);

        TestUser user = newUser();
        ApiResponse posted = api().post("/api/v1/social/activity", user.token(), Map.of("type", "POST", "text", "hi"));
        assertThat(posted.status()).isEqualTo(201);
        assertNoStore(posted);

        assertNoStore(api().get("/api/v1/users/me", null));
        assertNoStore(api().get("/api/v1/social/activity/999999999", user.token()));
        assertNoStore(api().get("/actuator/health", null));
    }

    @Test
    void sendsHstsOnlyOverTls() {
        TestUser user = newUser();
        assertThat(api().get("/api/v1/users/me", user.token()).header("Strict-Transport-Security")).isEmpty();
        ApiResponse overTls = api().send(api().request("/api/v1/users/me", user.token())
                .header("X-Forwarded-Proto", "https").GET());
        assertThat(overTls.header("Strict-Transport-Security")).hasValue("max-age=31536000 ; includeSubDomains");
    }

    private static void assertNoStore(ApiResponse response) {
        assertThat(response.header("Cache-Control")).as(response.toString())
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        assertThat(response.header("X-Content-Type-Options")).hasValue("nosniff");
    }
}
