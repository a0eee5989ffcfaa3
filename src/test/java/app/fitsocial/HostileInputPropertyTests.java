package app.fitsocial;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.fitsocial.ApiDocument.Operation;
import app.fitsocial.platform.security.AccessTokenIssuer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile requests to every operation of the OpenAPI document, generated: garbage path ids,
 * hostile query values (huge and negative numbers, garbage cursors and {@code fields}, unicode
 * and control characters), and bodies that are malformed, truncated, deeply nested or typed
 * wrong field by field, with or without a valid token. Whatever comes, the answer is never a 5xx,
 * every error is an {@code application/problem+json} without a stack trace, and every success
 * is valid JSON. An operation added to the API is fuzzed without touching this test. The
 * service runs as an instance of its own (jqwik properties live outside the Spring test context),
 * on the same embedded PostgreSQL and Redis as the other tests.
 */
class HostileInputPropertyTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One generated request. */
    record HostileRequest(Operation operation, String path, @Nullable String body, String auth) {
        @Override
        public String toString() {
            String shown = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…(" + body.length() + " chars)" : body;
            String target = path.length() > 300 ? path.substring(0, 300) + "…(" + path.length() + " chars)" : path;
            return operation.method() + " " + target + " [" + auth + "] " + shown;
        }
    }

    private static @Nullable ConfigurableApplicationContext service;
    private static @Nullable ApiClient api;
    private static @Nullable List<Operation> operations;
    private static @Nullable ApiDocument document;
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();
    private static final List<Long> REAL_IDS = new ArrayList<>();

    @BeforeContainer
    static void startTheServiceAndReadItsApi() {
        service = AnotherInstance.start("--fitsocial.rate-limit.raised[0].name=tests",
                "--fitsocial.rate-limit.raised[0].addresses=127.0.0.1/32,::1/128", "--fitsocial.web.hello-endpoint=true");
        api = new ApiClient(AnotherInstance.port(service));
        document = ApiDocument.of(api);
        List<Operation> found = new ArrayList<>();
        for (Operation operation : document.operations()) {
            // every list takes these, documented or not: the fuzzer sends them everywhere
            List<String> query = new ArrayList<>(List.of("limit", "cursor", "fields"));
            operation.queryParameters().stream().filter(name -> !query.contains(name)).forEach(query::add);
            found.add(new Operation(operation.method(), operation.template(), query, operation.bodySchema()));
        }
        assertThat(found).hasSizeGreaterThan(40);
        operations = found;

        JdbcClient jdbc = service.getBean(JdbcClient.class);
        AccessTokenIssuer tokens = service.getBean(AccessTokenIssuer.class);
        for (String role : List.of("USER", "PROVIDER")) {
            long id = jdbc.sql("""
                    INSERT INTO users (email, password_hash, display_name, role)
                    VALUES (:email, 'not-a-bcrypt-hash', 'Fuzzer', :role) RETURNING id""")
                    .param("email", "fuzz-" + UUID.randomUUID() + "@test.fitsocial.app").param("role", role)
                    .query(Long.class).single();
            TOKENS.put(role.toLowerCase(), tokens.issue(id, List.of(role)).value());
            REAL_IDS.add(id);
        }
        TOKENS.put("none", "");
        TOKENS.put("garbage", "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.");
        ApiResponse posted = api.post("/api/v1/social/activity", TOKENS.get("user"), Map.of("type", "POST", "text", "fuzzed"));
        REAL_IDS.add(posted.json().path("id").asLong());
    }

    @AfterContainer
    static void stopTheService() {
        if (service != null) {
            service.close();
        }
    }

    @Property(tries = 1500, seed = "20261128")
    void hostileInputNeverCausesAServerError(@ForAll("hostileRequests") HostileRequest request) {
        HttpRequest.Builder builder = api.request(request.path(), token(request.auth()));
        HttpRequest.BodyPublisher body = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body());
        ApiResponse response = api.send(builder.method(request.operation().method(), body));

        String shown = request + " → " + (response.toString().length() > 600 ? response.toString().substring(0, 600) : response);
        assertThat(response.status()).as(shown).isBetween(200, 499);
        if (response.status() >= 400) {
            assertThat(response.contentType()).as(shown).startsWith("application/problem+json");
            JsonNode problem = response.json();
            assertThat(problem.path("status").asInt()).isEqualTo(response.status());
            assertThat(problem.path("type").asString()).startsWith("https://fitsocial.app/problems/");
            assertThat(response.body()).as(shown)
                    .doesNotContain("Exception").doesNotContain("at app.fitsocial").doesNotContain("at org.")
                    .doesNotContain("java.lang").doesNotContain("SQL");
        }
        else if (!response.body().isEmpty()) {
            assertThat(response.contentType()).startsWith("application/json");
            JSON.readTree(response.body());
        }
    }

    private static @Nullable String token(String auth) {
        String token = TOKENS.get(auth);
        return token == null || token.isEmpty() ? null : token;
    }

    @Provide
    Arbitrary<HostileRequest> hostileRequests() {
        return Arbitraries.of(operations).flatMap(operation -> Combinators.combine(
                path(operation), body(operation), Arbitraries.of("user", "user", "user", "provider", "none", "garbage"))
                .as((path, body, auth) -> new HostileRequest(operation, path, body, auth)));
    }

    private static Arbitrary<String> path(Operation operation) {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of(REAL_IDS).map(String::valueOf),
                Arbitraries.of("-1", "0", "99999999999999999999", "9223372036854775807", "1e3", "abc", "%00", "%20",
                        "null", "1%3BDROP%20TABLE%20users", "%F0%9F%92%AA", "%E2%80%AE1", "..%2F..", "1.5", "%C0%AF"),
                Arbitraries.longs().between(1, 5000).map(String::valueOf));
        Arbitrary<String> query = Arbitraries.subsetOf(operation.queryParameters()).flatMap(names -> {
            if (names.isEmpty()) {
                return Arbitraries.just("");
            }
            List<Arbitrary<String>> pairs = names.stream().map(name -> queryValue().map(v -> name + "=" + v)).toList();
            return Combinators.combine(pairs).as(values -> String.join("&", values));
        });
        int holes = (int) operation.template().chars().filter(c -> c == '{').count();
        return Combinators.combine(segment.list().ofSize(holes), query).as((ids, q) -> {
            String path = operation.template();
            for (String id : ids) {
                path = path.replaceFirst("\\{[^}]+}", id);
            }
            return q.isEmpty() ? path : path + "?" + q;
        });
    }

    private static Arbitrary<String> queryValue() {
        return Arbitraries.oneOf(
                Arbitraries.of("-1", "0", "101", "99999999999999999999", "abc", "", "%00", "null", "true", "[]",
                        "2026-13-45T25:61:00Z", "not-a-date", "id,,name", "id(", "a(b(c(d)))", ")", "*", "..", "eyJpZCI6LTF9",
                        "%7B%22id%22%3A1%7D", "1%27%20OR%20%271%27%3D%271", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
                hostileString().map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8)),
                Arbitraries.integers().map(String::valueOf));
    }

    private static Arbitrary<String> hostileString() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(10),
                Arbitraries.of("'; DROP TABLE users; --", "<script>alert(1)</script>", "\u202e\u0000\ud83d\udcaa",
                        "\\", "\"", "%s%n", "${jndi:ldap://x}", "Robert'); --", " ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"),
                Arbitraries.strings().alpha().ofLength(5000));
    }

    private static Arbitrary<@Nullable String> body(Operation operation) {
        Arbitrary<String> garbage = Arbitraries.oneOf(
                Arbitraries.of("{", "}", "[", "{\"", "{\"a\":", "{\"a\":1}}", "null", "[]", "\"text\"", "42", "true", "",
                        "{\"a\":1,}", "{'a':1}", "\u0000", "{\"a\":NaN}", "{\"a\":1e99999}"),
                Arbitraries.integers().between(100, 5000).map(depth -> "[".repeat(depth) + "]".repeat(depth)),
                Arbitraries.integers().between(100, 5000).map(depth -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)),
                Arbitraries.strings().ofMaxLength(60));
        if (operation.bodySchema() == null) {
            return garbage.injectNull(0.4);
        }
        Arbitrary<String> typed = objectFor(operation.bodySchema());
        Arbitrary<String> truncated = typed.flatMap(json -> json.length() < 2 ? Arbitraries.just(json)
                : Arbitraries.integers().between(1, json.length() - 1).map(cut -> json.substring(0, cut)));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, typed), net.jqwik.api.Tuple.of(2, truncated), net.jqwik.api.Tuple.of(2, garbage))
                .map(s -> s);
    }

    /** A JSON object with the schema's properties (and one unknown), each valid-ish or hostile. */
    private static Arbitrary<String> objectFor(JsonNode schema) {
        List<String> names = new ArrayList<>(schema.path("properties").propertyNames());
        names.add("unknownField");
        List<Arbitrary<String>> members = names.stream().map(name -> Arbitraries.oneOf(
                Arbitraries.just(""),
                valueFor(schema.path("properties").path(name)).map(v -> JSON.writeValueAsString(name) + ":" + v)))
                .toList();
        return Combinators.combine(members).as(parts -> "{" + String.join(",", parts.stream().filter(p -> !p.isEmpty())
                .toList()) + "}");
    }

    private static Arbitrary<String> valueFor(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        Arbitrary<String> plausible = switch (resolved.path("type").asString("")) {
            case "integer", "number" -> Arbitraries.longs().between(-5, 5000).map(String::valueOf);
            case "boolean" -> Arbitraries.of("true", "false");
            case "array" -> Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8)
                    .map(s -> JSON.writeValueAsString(s)).list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
            case "object" -> Arbitraries.just("{}");
            default -> resolved.has("enum")
                    ? Arbitraries.of(resolved.path("enum").valueStream().map(JsonNode::asString).toList())
                            .map(JSON::writeValueAsString)
                    : Arbitraries.strings().ofMinLength(1).ofMaxLength(30).map(JSON::writeValueAsString);
        };
        Arbitrary<String> hostile = Arbitraries.oneOf(
                Arbitraries.of("null", "\"\"", "-1", "0", "1e309", "-1e309", "123456789012345678901234567890",
                        "9223372036854775808", "1.5", "true", "[]", "{}", "[[[[[[[[]]]]]]]]", "{\"$ne\":null}", "\"abc\"",
                        "\"2026-02-30T00:00:00Z\"", "\"TEAPOT\""),
                hostileString().map(JSON::writeValueAsString));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, plausible), net.jqwik.api.Tuple.of(1, hostile)).map(s -> s);
    }

    private static JsonNode resolve(JsonNode schema) {
        return document == null ? schema : document.resolve(schema);
    }
}
