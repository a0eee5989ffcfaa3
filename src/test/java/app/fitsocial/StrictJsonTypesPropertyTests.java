package app.fitsocial;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import app.fitsocial.ApiDocument.Operation;
import app.fitsocial.platform.security.AccessTokenIssuer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every field of every create and update body, taken from the served OpenAPI document, sent with
 * every JSON type it does not have: the answer is a 400 problem whose {@code errors[]} names that
 * field, never a silent conversion (a fraction stored as a whole number, a boolean as text, an
 * epoch number as a time). An operation or field added to the API is covered without touching
 * this test.
 */
class StrictJsonTypesPropertyTests {

    /** A body with one field of the wrong JSON type. */
    record WrongType(Operation operation, String field, String declared, String value) {

        @Override
        public String toString() {
            return operation + " {\"" + field + "\": " + value + "} (declared " + declared + ")";
        }
    }

    private static @Nullable ConfigurableApplicationContext service;
    private static @Nullable ApiClient api;
    private static final List<WrongType> CASES = new ArrayList<>();
    private static @Nullable String token;
    private static long realId;

    @BeforeContainer
    static void start() {
        service = AnotherInstance.start("--fitsocial.rate-limit.raised[0].name=tests",
                "--fitsocial.rate-limit.raised[0].addresses=127.0.0.1/32,::1/128");
        api = new ApiClient(AnotherInstance.port(service));
        ApiDocument document = ApiDocument.of(api);
        for (Operation operation : document.operations()) {
            if (operation.bodySchema() == null || operation.bodySchema().path("properties").isEmpty()) {
                continue;
            }
            JsonNode properties = operation.bodySchema().path("properties");
            for (String field : properties.propertyNames()) {
                JsonNode schema = document.resolve(properties.path(field));
                String declared = schema.path("type").asString(schema.has("enum") ? "string" : "object");
                if (schema.has("enum")) {
                    declared = "enum";
                }
                else if ("string".equals(declared) && "date-time".equals(schema.path("format").asString())) {
                    declared = "date-time";
                }
                for (String value : wrongValuesFor(declared)) {
                    CASES.add(new WrongType(operation, field, declared, value));
                }
            }
        }
        assertThat(CASES).as("cases from the document").hasSizeGreaterThan(60);
        JdbcClient jdbc = service.getBean(JdbcClient.class);
        long id = jdbc.sql("""
                INSERT INTO users (email, password_hash, display_name, role)
                VALUES (:email, 'not-a-bcrypt-hash', 'Typist', 'ADMIN') RETURNING id""")
                .param("email", "types-" + UUID.randomUUID() + "@test.fitsocial.app").query(Long.class).single();
        token = service.getBean(AccessTokenIssuer.class).issue(id, List.of("USER", "PROVIDER", "ADMIN")).value();
        realId = id;
    }

    @AfterContainer
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    /** Every JSON type but the declared one (integers also as fractions and numeric text). */
    private static List<String> wrongValuesFor(String declared) {
        return switch (declared) {
            case "string" -> List.of("1", "1.5", "true", "{}", "[]");
            case "enum" -> List.of("1", "true", "{}", "[]");
            case "date-time" -> List.of("1764460800", "1.5", "true", "{}", "[]");
            case "integer" -> List.of("4.9", "\"4\"", "true", "{}", "[]");
            case "number" -> List.of("\"4.5\"", "true", "{}", "[]");
            case "boolean" -> List.of("1", "\"true\"", "{}", "[]");
            case "array" -> List.of("\"x\"", "1", "true", "{}");
            default -> List.of("\"x\"", "1", "true", "[]");
        };
    }

    @Provide
    Arbitrary<WrongType> wrongTypes() {
        return Arbitraries.of(CASES);
    }

    @Property(tries = 400, seed = "20261130")
    void aFieldOfTheWrongJsonTypeIsRefusedByName(@ForAll("wrongTypes") WrongType wrong) {
        String path = wrong.operation().template().replaceAll("\\{[^}]+}", Long.toString(realId));
        String body = "{" + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(wrong.field())
                + ":" + wrong.value() + "}";
        HttpRequest.Builder request = api.request(path, token).setHeader("Content-Type", "application/json")
                .header("If-Match", "*").method(wrong.operation().method(), HttpRequest.BodyPublishers.ofString(body));
        ApiResponse response = api.send(request);
        assertThat(response.status()).as(wrong + " → " + response).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(error -> fields.add(error.path("field").asString()));
        assertThat(fields).as(wrong + " → " + response).contains(wrong.field());
    }

    /** The coercions users reported, each in an otherwise valid body. */
    @Example
    void theReportedCoercionsAreRefused() {
        assertRefused("/api/v1/social/activity", "{\"type\":\"WORKOUT\",\"text\":\"Run\",\"durationMinutes\":30.7}",
                "durationMinutes", "has the wrong type; expected a number");
        assertRefused("/api/v1/social/activity", "{\"type\":\"POST\",\"text\":true}", "text",
                "has the wrong type; expected a string");
        assertRefused("/api/v1/reviews", "{\"classId\":1,\"rating\":4.9,\"text\":\"Good\"}", "rating",
                "has the wrong type; expected a number");
        assertRefused("/api/v1/reviews", "{\"classId\":\"1\",\"rating\":4,\"text\":\"Good\"}", "classId",
                "has the wrong type; expected a number");
        assertRefused("/api/v1/social/activity", "{\"type\":\"NAP\",\"text\":\"Zzz\"}", "type",
                "has an invalid value; expected one of ");
    }

    private static void assertRefused(String path, String body, String field, String messageStart) {
        ApiResponse response = api.send(api.request(path, token).setHeader("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.status()).as(body + " → " + response).isEqualTo(400);
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo(field);
        assertThat(response.json().path("errors").get(0).path("message").asString()).as(body).startsWith(messageStart);
    }
}
