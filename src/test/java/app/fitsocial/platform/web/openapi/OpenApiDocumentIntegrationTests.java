package app.fitsocial.platform.web.openapi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import app.fitsocial.ApiDocument;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served OpenAPI document as client teams read it: only the API, a real identity, a bearer
 * scheme required where the security rules require a token, the real success codes, problem
 * responses, the HTTP headers, and no framework-resolved arguments as parameters. It also writes
 * the document to {@code target/openapi/fitsocial.json}, where the generated client
 * ({@code clients/java}) is generated from.
 */
class OpenApiDocumentIntegrationTests extends IntegrationTestSupport {

    /** What anyone may read, as docs/http.md and the authorization matrix state it. */
    private static final List<String> PUBLIC_READS = List.of("/api/v1/classes", "/api/v1/classes/{id}",
            "/api/v1/classes/{id}/rating", "/api/v1/providers", "/api/v1/providers/{id}", "/api/v1/providers/{id}/rating");

    @Test
    void theDocumentDescribesTheApiAsClientsCallIt() throws IOException {
        ApiDocument document = ApiDocument.of(api());
        JsonNode json = document.json();
        Path written = Path.of("target", "openapi", "fitsocial.json");
        Files.createDirectories(written.getParent());
        Files.writeString(written, json.toPrettyString());

        assertThat(json.path("openapi").asString()).startsWith("3.0");
        assertThat(json.path("info").path("title").asString()).isEqualTo("FitSocial API");
        assertThat(json.path("info").path("version").asString()).isEqualTo("1");
        assertThat(json.path("components").path("securitySchemes").path("bearer").path("scheme").asString()).isEqualTo("bearer");
        assertThat(json.path("paths").propertyNames()).allMatch(path -> path.startsWith("/api/v1/"))
                .doesNotContain("/api/v1/hello");

        List<String> problems = new ArrayList<>();
        for (ApiDocument.Operation operation : document.operations()) {
            JsonNode node = json.path("paths").path(operation.template()).path(operation.method().toLowerCase());
            node.path("parameters").forEach(parameter -> {
                if (List.of("me", "page", "ifMatch", "preconditions").contains(parameter.path("name").asString())) {
                    problems.add(operation + " lists the framework's argument " + parameter.path("name").asString());
                }
            });
            JsonNode responses = node.path("responses");
            for (String code : List.of("400", "406", "429", "503")) {
                if (!responses.path(code).path("content").has("application/problem+json")) {
                    problems.add(operation + " documents no " + code + " problem");
                }
            }
            boolean isPublic = operation.template().startsWith("/api/v1/auth/")
                    || "GET".equals(operation.method()) && PUBLIC_READS.contains(operation.template());
            boolean secured = node.path("security").isArray() && !node.path("security").isEmpty();
            if (secured == isPublic) {
                problems.add(operation + (isPublic ? " asks for a token it does not need" : " does not ask for its token"));
            }
            if (secured && !responses.has("401")) {
                problems.add(operation + " documents no 401");
            }
            if ("GET".equals(operation.method())) {
                if (!responses.has("304") || !responses.path("200").path("headers").has("ETag")) {
                    problems.add(operation + " documents no revalidation");
                }
            }
            responses.propertyNames().forEach(code -> {
                if (code.startsWith("2") && !responses.path(code).path("headers").has("RateLimit")) {
                    problems.add(operation + " " + code + " without RateLimit headers");
                }
            });
        }
        assertThat(problems).isEmpty();
        assertThat(document.operations()).hasSizeGreaterThanOrEqualTo(45);
    }

    @Test
    void createsAreDocumentedAs201WithTheirLocation() {
        JsonNode paths = ApiDocument.of(api()).json().path("paths");
        for (String create : List.of("/api/v1/social/activity", "/api/v1/reviews", "/api/v1/groups", "/api/v1/classes",
                "/api/v1/classes/{classId}/bookings")) {
            JsonNode responses = paths.path(create).path("post").path("responses");
            assertThat(responses.propertyNames()).as(create).contains("201").doesNotContain("200");
            assertThat(responses.path("201").path("headers").has("Location")).as(create).isTrue();
        }
    }

    @Test
    void nullableFieldsAreNullableAndTheOthersRequired() {
        JsonNode schemas = ApiDocument.of(api()).json().path("components").path("schemas");
        JsonNode classResponse = schemas.path("ClassResponse");
        assertThat(classResponse.path("properties").path("ratingAverage").path("nullable").asBoolean()).isTrue();
        assertThat(classResponse.path("required").toString()).contains("\"id\"", "\"title\"")
                .doesNotContain("\"ratingAverage\"");
        JsonNode newClass = schemas.path("NewClassRequest");
        assertThat(newClass.path("properties").path("title").path("maxLength").asInt()).isEqualTo(120);
        assertThat(newClass.path("properties").path("durationMinutes").path("minimum").asInt()).isEqualTo(5);
        assertThat(newClass.path("required").toString()).contains("\"title\"").doesNotContain("\"providerId\"");
        assertThat(schemas.path("Problem").path("properties").has("errors")).isTrue();
    }
}
