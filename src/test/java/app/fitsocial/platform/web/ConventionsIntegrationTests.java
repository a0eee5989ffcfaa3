package app.fitsocial.platform.web;

import org.junit.jupiter.api.Test;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The conventions every endpoint shares: request ids, problem details, OpenAPI, health. */
class ConventionsIntegrationTests extends IntegrationTestSupport {

    @Test
    void echoesASaneRequestIdAndReplacesAnInsaneOne() {
        ApiResponse echoed = api().send(api().request("/api/v1/classes?limit=1", null).header("X-Request-Id", "abc-123"));
        assertThat(echoed.header("X-Request-Id")).hasValue("abc-123");

        ApiResponse generated = api().get("/api/v1/classes?limit=1", null);
        assertThat(generated.header("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(36));

        ApiResponse replaced = api().send(api().request("/api/v1/classes?limit=1", null)
                .header("X-Request-Id", "x".repeat(300)));
        assertThat(replaced.header("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(36));
    }

    @Test
    void errorsCarryTheRequestIdToo() {
        ApiResponse response = api().send(api().request("/api/v1/classes/0x", null).header("X-Request-Id", "err-1"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("X-Request-Id")).hasValue("err-1");
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        String token = newUser().token();
        ApiResponse unknown = api().get("/api/v1/nothing-here", token);
        assertProblem(unknown, 404, "not-found");
        assertThat(unknown.json().path("detail").asString()).isEqualTo("There is no resource at /api/v1/nothing-here");
        assertProblem(api().send(api().request("/api/v1/classes/1", token).method("PATCH",
                java.net.http.HttpRequest.BodyPublishers.ofString("{}"))), 405, "method-not-allowed");
        // methods HTTP defines but the service does not implement, and lower-case ones (methods are case-sensitive)
        for (String method : java.util.List.of("PROPFIND", "FOO", "get")) {
            assertProblem(api().send(api().request("/api/v1/classes/1", token).method(method,
                    java.net.http.HttpRequest.BodyPublishers.noBody())), 501, "not-implemented");
        }
        assertProblem(api().get("/api/v1//classes", token), 400, "bad-request");
        // TRACE is Tomcat's to refuse, before the service: a 405 problem all the same
        assertProblem(api().send(api().request("/api/v1/classes/1", token).method("TRACE",
                java.net.http.HttpRequest.BodyPublishers.noBody())), 405, "method-not-allowed");
    }

    @Test
    void rejectsANonJsonBody() {
        ApiResponse response = api().send(api().request("/api/v1/auth/login", null)
                .setHeader("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("email=a")));
        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void servesTheOpenApiDocument() {
        ApiResponse response = api().get("/v3/api-docs", null);
        assertThat(response.status()).isEqualTo(200);
        var paths = response.json().path("paths");
        assertThat(paths.has("/api/v1/classes")).isTrue();
        assertThat(paths.has("/api/v1/auth/register")).isTrue();
        assertThat(paths.has("/api/v1/reviews")).isTrue();
        assertThat(api().get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }

    @Test
    void reportsHealthWithDatabaseAndRedis() {
        ApiResponse health = api().get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(health.json().path("components").has("db")).isTrue();
        assertThat(health.json().path("components").has("redis")).isTrue();
        assertThat(api().get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(api().get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(api().get("/actuator/env", null).status()).isEqualTo(401);
    }
}
