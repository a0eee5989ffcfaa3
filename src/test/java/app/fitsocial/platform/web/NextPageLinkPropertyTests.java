package app.fitsocial.platform.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;

import app.fitsocial.AnotherInstance;
import app.fitsocial.ApiClient;
import app.fitsocial.ApiResponse;
import app.fitsocial.platform.security.AccessTokenIssuer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Following {@code Link: rel="next"} gives exactly the page that sending {@code nextCursor} by
 * hand gives, for query values holding spaces, {@code +}, {@code %}, {@code &}, {@code =},
 * commas, parentheses and letters beyond ASCII, written the ways clients write them
 * ({@code URLSearchParams} and {@code urlencode} use {@code +} for a space and escape commas;
 * RFC 3986 encoders use {@code %20}). And the link's origin is the one the client used, or the
 * one a trusted proxy reports.
 */
class NextPageLinkPropertyTests {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final AtomicInteger TRIES = new AtomicInteger();

    private static @Nullable ConfigurableApplicationContext service;
    private static @Nullable ApiClient api;
    private static @Nullable String token;
    private static int port;

    @BeforeContainer
    static void start() {
        service = AnotherInstance.start("--fitsocial.rate-limit.raised[0].name=tests",
                "--fitsocial.rate-limit.raised[0].addresses=127.0.0.1/32,::1/128",
                "--fitsocial.web.trusted-proxies=127.0.0.1/32,::1/128");
        port = AnotherInstance.port(service);
        api = new ApiClient(port);
        long id = service.getBean(JdbcClient.class).sql("""
                INSERT INTO users (email, password_hash, display_name) VALUES (:email, 'not-a-bcrypt-hash', 'Reader')
                RETURNING id""").param("email", "links-" + UUID.randomUUID() + "@test.fitsocial.app")
                .query(Long.class).single();
        token = service.getBean(AccessTokenIssuer.class).issue(id, List.of("USER")).value();
    }

    @AfterContainer
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    /** How a client writes a query value. */
    enum Encoding {
        /** {@code URLSearchParams}, Python's {@code urlencode}: a space is {@code +}. */
        FORM(value -> URLEncoder.encode(value, StandardCharsets.UTF_8)),
        /** JavaScript's {@code encodeURIComponent}: everything but the unreserved characters escaped. */
        URI_COMPONENT(value -> UriUtils.encode(value, StandardCharsets.UTF_8));

        final Function<String, String> encode;

        Encoding(Function<String, String> encode) {
            this.encode = encode;
        }
    }

    @Provide
    Arbitrary<String> values() {
        Arbitrary<Character> hostile = Arbitraries.of(' ', '+', '%', '&', '=', ',', '(', ')', 'é', 'ß', 'Ж', '中', '#', '?', '/');
        Arbitrary<Character> letters = Arbitraries.chars().alpha();
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, letters), net.jqwik.api.Tuple.of(1, hostile))
                .list().ofMinSize(1).ofMaxSize(20)
                .map(chars -> chars.stream().map(String::valueOf).reduce("", String::concat).strip())
                .filter(value -> !value.isEmpty());
    }

    @Property(tries = 150)
    void followingTheNextLinkGivesThePageTheCursorGives(@ForAll("values") String value, @ForAll Encoding encoding) {
        String q = value + " " + TRIES.incrementAndGet();
        JdbcClient jdbc = service.getBean(JdbcClient.class);
        for (int i = 0; i < 3; i++) {
            jdbc.sql("INSERT INTO users (email, password_hash, display_name) VALUES (:email, 'x', :name)")
                    .param("email", "q-" + UUID.randomUUID() + "@test.fitsocial.app").param("name", q + "-" + i).update();
        }
        String query = "/api/v1/users?q=" + encoding.encode.apply(q) + "&limit=1&fields="
                + encoding.encode.apply("id,displayName");
        ApiResponse first = api.get(query, token);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(ids(first)).hasSize(1);
        String link = next(first);

        ApiResponse viaLink = api.get(link.substring(("http://localhost:" + port).length()), token);
        ApiResponse byHand = api.get(query + "&cursor=" + first.json().path("nextCursor").asString(), token);
        assertThat(viaLink.status()).as(link).isEqualTo(200);
        assertThat(ids(viaLink)).as(link).hasSize(1).isEqualTo(ids(byHand)).doesNotContainAnyElementsOf(ids(first));
        assertThat(viaLink.json().path("items").get(0).propertyNames()).containsExactlyInAnyOrder("id", "displayName");
    }

    /** Two upcoming classes, so that a page of one has a next page whatever ran before. */
    private static void twoClasses() {
        JdbcClient jdbc = service.getBean(JdbcClient.class);
        long provider = jdbc.sql("INSERT INTO providers (name, city) VALUES ('Links Studio', 'Linkton') RETURNING id")
                .query(Long.class).single();
        for (int i = 0; i < 2; i++) {
            jdbc.sql("""
                    INSERT INTO fitness_classes (provider_id, title, type, datetime, duration_minutes, capacity, city)
                    VALUES (:p, 'Linked class', 'YOGA', now() + interval '3 days', 60, 10, 'Linkton')""")
                    .param("p", provider).update();
        }
    }

    @Example
    void aTimeWithAnOffsetAndAnEscapedFieldListSurviveTheLink() {
        twoClasses();
        String query = "/api/v1/classes?limit=1&from=" + URLEncoder.encode("2020-01-01T00:00:00+01:00", StandardCharsets.UTF_8)
                + "&fields=" + URLEncoder.encode("id,title", StandardCharsets.UTF_8);
        ApiResponse first = api.get(query, null);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        String link = next(first);
        assertThat(link).contains("from=2020-01-01T00%3A00%3A00%2B01%3A00").contains("fields=id%2Ctitle");
        ApiResponse viaLink = api.get(link.substring(("http://localhost:" + port).length()), null);
        assertThat(viaLink.status()).as(link + " → " + viaLink).isEqualTo(200);
    }

    @Example
    void behindATrustedProxyTheLinkAndLocationUseTheOriginTheClientUsed() {
        twoClasses();
        ApiResponse forwarded = api.send(api.request("/api/v1/classes?limit=1", null)
                .header("Forwarded", "for=198.51.100.7;proto=https;host=api.fitsocial.example"));
        assertThat(next(forwarded)).startsWith("https://api.fitsocial.example/api/v1/classes?limit=1&cursor=");

        ApiResponse legacy = api.send(api.request("/api/v1/classes?limit=1", null)
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "edge.fitsocial.example")
                .header("X-Forwarded-Port", "8443"));
        assertThat(next(legacy)).startsWith("https://edge.fitsocial.example:8443/api/v1/classes?");

        ApiResponse created = api.send(api.request("/api/v1/social/activity", token)
                .header("Forwarded", "proto=https;host=api.fitsocial.example").setHeader("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"type\":\"POST\",\"text\":\"Linked\"}")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).hasValue(
                "https://api.fitsocial.example/api/v1/social/activity/" + created.json().path("id").asLong());
    }

    private static String next(ApiResponse response) {
        String header = response.header("Link").orElseThrow(() -> new AssertionError("no Link in " + response));
        Matcher matcher = NEXT.matcher(header);
        assertThat(matcher.find()).as(header).isTrue();
        return matcher.group(1);
    }

    private static List<Long> ids(ApiResponse response) {
        List<Long> ids = new ArrayList<>();
        for (JsonNode item : response.json().path("items")) {
            ids.add(item.path("id").asLong());
        }
        return ids;
    }
}
