package app.fitsocial;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import app.fitsocial.platform.security.AccessTokenIssuer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the integration tests: an HTTP client for the running service and fixtures written
 * straight to PostgreSQL for state the API cannot create (providers, past classes). Every
 * fixture is unique, so tests never depend on each other or on a clean database.
 */
@IntegrationTest
public abstract class IntegrationTestSupport {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    private AccessTokenIssuer tokens;

    private @Nullable ApiClient api;

    /** A user created directly in the database, with a valid access token. */
    public record TestUser(long id, String email, String token) {
    }

    protected ApiClient api() {
        if (api == null) {
            api = new ApiClient(port);
        }
        return api;
    }

    protected static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected TestUser newUser() {
        return newUser("USER");
    }

    protected TestUser newUser(String role) {
        String email = unique("user") + "@test.fitsocial.app";
        long id = jdbc.sql("""
                INSERT INTO users (email, password_hash, display_name, role)
                VALUES (:email, 'not-a-bcrypt-hash', :name, :role) RETURNING id""")
                .param("email", email).param("name", "Tester " + SEQUENCE.get()).param("role", role)
                .query(Long.class).single();
        return new TestUser(id, email, tokens.issue(id, List.of(role)).value());
    }

    /** A valid access token for any user id, e.g. of a user in another database. */
    protected String tokenFor(long userId, String role) {
        return tokens.issue(userId, List.of(role)).value();
    }

    protected long newProvider(@Nullable Long ownerId, String city) {
        return jdbc.sql("INSERT INTO providers (name, city, owner_id) VALUES (:name, :city, :owner) RETURNING id")
                .param("name", unique("Studio")).param("city", city).param("owner", ownerId)
                .query(Long.class).single();
    }

    protected long newClass(long providerId, Instant datetime, int capacity) {
        return newClass(providerId, datetime, capacity, "HIIT", "Testville");
    }

    protected long newClass(long providerId, Instant datetime, int capacity, String type, String city) {
        return jdbc.sql("""
                INSERT INTO fitness_classes (provider_id, title, type, datetime, duration_minutes, capacity, city)
                VALUES (:provider, :title, :type, :datetime, 60, :capacity, :city) RETURNING id""")
                .param("provider", providerId).param("title", unique("Class")).param("type", type)
                .param("datetime", datetime.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC))
                .param("capacity", capacity).param("city", city)
                .query(Long.class).single();
    }

    /** Records that a user booked (and so, once it is past, attended) a class, as the service would. */
    protected void attend(long userId, long classId) {
        jdbc.sql("""
                INSERT INTO bookings (user_id, class_id, class_datetime)
                SELECT :user, id, datetime FROM fitness_classes WHERE id = :class""")
                .param("user", userId).param("class", classId).update();
        jdbc.sql("UPDATE fitness_classes SET booked_count = booked_count + 1 WHERE id = :class")
                .param("class", classId).update();
    }

    /** Posts an activity through the API and returns its id. */
    protected long postActivity(TestUser author, Map<String, Object> body) {
        ApiResponse response = api().post("/api/v1/social/activity", author.token(), body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("id").asLong();
    }

    /** Posts a plain POST activity with the given text and returns its id. */
    protected long postActivity(TestUser author, String text) {
        return postActivity(author, Map.of("type", "POST", "text", text));
    }

    protected void follow(TestUser follower, TestUser followee) {
        ApiResponse response = api().post("/api/v1/users/" + followee.id() + "/follow", follower.token(), null);
        assertThat(response.status()).as(response.toString()).isEqualTo(204);
    }

    protected static Instant inDays(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    }

    /** The SQL statements a request issued, as the service reports them (per request, on its own thread). */
    protected static long sqlStatementsOf(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return Long.parseLong(response.header("X-Sql-Statements").orElseThrow());
    }

    /** Asserts an RFC 9457 problem answer with the given status and problem type slug. */
    protected static void assertProblem(ApiResponse response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asString()).isEqualTo("https://fitsocial.app/problems/" + type);
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("title").asString()).isNotBlank();
        assertThat(response.json().path("detail").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at app.fitsocial");
    }

    /** Asserts a 400 validation problem that names the given field in {@code errors[]}. */
    protected static void assertFieldError(ApiResponse response, String field) {
        assertProblem(response, 400, "validation");
        List<String> fields = response.json().path("errors").valueStream().map(e -> e.path("field").asString()).toList();
        assertThat(fields).as(response.toString()).contains(field);
    }
}
