package app.fitsocial;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the OpenAPI document, called by an anonymous client, another user, the
 * owner of the resource, a PROVIDER and an ADMIN, each on a world of its own. Who may do what is
 * stated once per operation below; an operation of the document that is missing from this table
 * fails the test, so a new endpoint cannot ship without its access rule. A denied call must leave
 * the resource as it was.
 */
class AuthorizationMatrixIntegrationTests extends IntegrationTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "correct horse battery";

    /** Who may call an operation. */
    enum Access {
        /** Anyone, signed in or not. */
        PUBLIC,
        /** Any signed-in user (acting on their own data or on shared data). */
        MEMBER,
        /** Only the owner of the resource (or a participant of the conversation). */
        OWNER,
        /** PROVIDER and ADMIN. */
        PROVIDER,
        /** ADMIN only. */
        ADMIN
    }

    enum Caller { ANONYMOUS, OTHER, OWNER, PROVIDER, ADMIN }

    /** The owner's things, and the other callers. */
    record World(TestUser owner, TestUser other, TestUser provider, TestUser admin, TestUser friend, long providerId,
            long activity, long group, long upcomingClass, long booking, long pastClass, long review,
            long conversation) {

        @Nullable String token(Caller caller) {
            return switch (caller) {
                case ANONYMOUS -> null;
                case OTHER -> other.token();
                case OWNER -> owner.token();
                case PROVIDER -> provider.token();
                case ADMIN -> admin.token();
            };
        }
    }

    /** How to call an operation in a world: its path, its body, and how to check that a denied call changed nothing. */
    record Call(Access access, Function<World, String> path, Function<World, @Nullable Object> body,
            @Nullable Predicate<World> unchanged) {
    }

    @Test
    void everyOperationAdmitsExactlyTheCallersItsRuleNames() {
        Map<String, Call> calls = calls();
        JsonNode paths = api().get("/v3/api-docs", null).json().path("paths");
        TreeSet<String> documented = new TreeSet<>();
        for (String template : paths.propertyNames()) {
            if (template.startsWith("/api/v1/")) {
                paths.path(template).propertyNames().forEach(method -> documented.add(method.toUpperCase() + " " + template));
            }
        }
        assertThat(calls.keySet()).as("operations with an access rule").containsExactlyInAnyOrderElementsOf(documented);

        List<String> wrong = new ArrayList<>();
        for (String operation : documented) {
            Call call = calls.get(operation);
            String method = operation.substring(0, operation.indexOf(' '));
            for (Caller caller : Caller.values()) {
                World world = world();
                String path = call.path().apply(world);
                ApiResponse response = send(method, path, world.token(caller), call.body().apply(world));
                boolean allowed = allowed(call.access(), caller);
                int status = response.status();
                if (status >= 500) {
                    wrong.add(operation + " as " + caller + ": " + response);
                }
                else if (allowed && (status == 401 || status == 403 || status == 404)) {
                    wrong.add(operation + " as " + caller + " should be allowed: " + response);
                }
                else if (!allowed && caller == Caller.ANONYMOUS && status != 401) {
                    wrong.add(operation + " as " + caller + " should be 401: " + response);
                }
                else if (!allowed && caller != Caller.ANONYMOUS && status != 403 && status != 404) {
                    wrong.add(operation + " as " + caller + " should be 403 or 404: " + response);
                }
                else if (!allowed && call.unchanged() != null && !call.unchanged().test(world)) {
                    wrong.add(operation + " as " + caller + " was denied but changed the owner's data");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static boolean allowed(Access access, Caller caller) {
        return switch (access) {
            case PUBLIC -> true;
            case MEMBER -> caller != Caller.ANONYMOUS;
            case OWNER -> caller == Caller.OWNER;
            case PROVIDER -> caller == Caller.PROVIDER || caller == Caller.ADMIN;
            case ADMIN -> caller == Caller.ADMIN;
        };
    }

    private Map<String, Call> calls() {
        Map<String, Call> calls = new LinkedHashMap<>();
        // auth: open to everyone; each call brings its own credentials
        calls.put("POST /api/v1/auth/register", call(Access.PUBLIC, w -> "/api/v1/auth/register", w -> registration()));
        calls.put("POST /api/v1/auth/login", call(Access.PUBLIC, w -> "/api/v1/auth/login", w -> {
            Map<String, Object> registration = registration();
            api().post("/api/v1/auth/register", null, registration);
            return Map.of("email", registration.get("email"), "password", PASSWORD);
        }));
        calls.put("POST /api/v1/auth/refresh", call(Access.PUBLIC, w -> "/api/v1/auth/refresh", w -> refreshToken()));
        calls.put("POST /api/v1/auth/logout", call(Access.PUBLIC, w -> "/api/v1/auth/logout", w -> refreshToken()));
        // users and follows
        calls.put("GET /api/v1/users/me", call(Access.MEMBER, w -> "/api/v1/users/me", null));
        calls.put("PATCH /api/v1/users/me", call(Access.MEMBER, w -> "/api/v1/users/me", w -> Map.of("bio", "matrix")));
        calls.put("GET /api/v1/users", call(Access.MEMBER, w -> "/api/v1/users?q=Tester", null));
        calls.put("GET /api/v1/users/{id}", call(Access.MEMBER, w -> "/api/v1/users/" + w.friend().id(), null));
        calls.put("GET /api/v1/users/{id}/followers", call(Access.MEMBER, w -> "/api/v1/users/" + w.friend().id() + "/followers", null));
        calls.put("GET /api/v1/users/{id}/following", call(Access.MEMBER, w -> "/api/v1/users/" + w.owner().id() + "/following", null));
        calls.put("POST /api/v1/users/{id}/follow", call(Access.MEMBER, w -> "/api/v1/users/" + w.friend().id() + "/follow", null));
        calls.put("DELETE /api/v1/users/{id}/follow", call(Access.MEMBER, w -> "/api/v1/users/" + w.friend().id() + "/follow", null));
        calls.put("GET /api/v1/users/{id}/activity", call(Access.MEMBER, w -> "/api/v1/users/" + w.owner().id() + "/activity", null));
        calls.put("GET /api/v1/users/me/bookings", call(Access.MEMBER, w -> "/api/v1/users/me/bookings?upcoming=true", null));
        // providers, classes, bookings
        calls.put("GET /api/v1/providers", call(Access.PUBLIC, w -> "/api/v1/providers", null));
        calls.put("GET /api/v1/providers/{id}", call(Access.PUBLIC, w -> "/api/v1/providers/" + w.providerId(), null));
        calls.put("GET /api/v1/providers/{id}/rating", call(Access.PUBLIC, w -> "/api/v1/providers/" + w.providerId() + "/rating", null));
        calls.put("GET /api/v1/classes", call(Access.PUBLIC, w -> "/api/v1/classes", null));
        calls.put("GET /api/v1/classes/{id}", call(Access.PUBLIC, w -> "/api/v1/classes/" + w.upcomingClass(), null));
        calls.put("GET /api/v1/classes/{id}/rating", call(Access.PUBLIC, w -> "/api/v1/classes/" + w.pastClass() + "/rating", null));
        calls.put("POST /api/v1/classes", call(Access.PROVIDER, w -> "/api/v1/classes", w -> Map.of("providerId", w.providerId(),
                "title", "Matrix class", "type", "YOGA", "datetime", inDays(5).toString(), "durationMinutes", 45, "capacity", 8)));
        calls.put("POST /api/v1/classes/{classId}/bookings", call(Access.MEMBER,
                w -> "/api/v1/classes/" + w.upcomingClass() + "/bookings", null));
        calls.put("DELETE /api/v1/bookings/{id}", new Call(Access.OWNER, w -> "/api/v1/bookings/" + w.booking(), w -> null,
                w -> exists("bookings", w.booking())));
        // social
        calls.put("POST /api/v1/social/activity", call(Access.MEMBER, w -> "/api/v1/social/activity",
                w -> Map.of("type", "WORKOUT", "text", "matrix run", "durationMinutes", 30)));
        calls.put("GET /api/v1/social/activity/{id}", call(Access.MEMBER, w -> "/api/v1/social/activity/" + w.activity(), null));
        calls.put("DELETE /api/v1/social/activity/{id}", new Call(Access.OWNER, w -> "/api/v1/social/activity/" + w.activity(),
                w -> null, w -> exists("activities", w.activity())));
        calls.put("POST /api/v1/social/activity/{id}/likes", call(Access.MEMBER, w -> "/api/v1/social/activity/" + w.activity() + "/likes", null));
        calls.put("DELETE /api/v1/social/activity/{id}/likes", call(Access.MEMBER, w -> "/api/v1/social/activity/" + w.activity() + "/likes", null));
        calls.put("GET /api/v1/social/activity/{id}/comments", call(Access.MEMBER, w -> "/api/v1/social/activity/" + w.activity() + "/comments", null));
        calls.put("POST /api/v1/social/activity/{id}/comments", call(Access.MEMBER,
                w -> "/api/v1/social/activity/" + w.activity() + "/comments", w -> Map.of("text", "nice")));
        calls.put("GET /api/v1/social/feed", call(Access.MEMBER, w -> "/api/v1/social/feed", null));
        // groups
        calls.put("POST /api/v1/groups", call(Access.MEMBER, w -> "/api/v1/groups", w -> Map.of("name", "Matrix group")));
        calls.put("GET /api/v1/groups", call(Access.MEMBER, w -> "/api/v1/groups?q=Matrix", null));
        calls.put("GET /api/v1/groups/{id}", call(Access.MEMBER, w -> "/api/v1/groups/" + w.group(), null));
        calls.put("GET /api/v1/groups/{id}/activity", call(Access.MEMBER, w -> "/api/v1/groups/" + w.group() + "/activity", null));
        calls.put("GET /api/v1/groups/{id}/members", call(Access.MEMBER, w -> "/api/v1/groups/" + w.group() + "/members", null));
        calls.put("POST /api/v1/groups/{id}/members", call(Access.MEMBER, w -> "/api/v1/groups/" + w.group() + "/members", null));
        calls.put("DELETE /api/v1/groups/{id}/members", call(Access.MEMBER, w -> "/api/v1/groups/" + w.group() + "/members", null));
        // messages
        calls.put("POST /api/v1/messages/send", call(Access.MEMBER, w -> "/api/v1/messages/send",
                w -> Map.of("recipientId", w.friend().id(), "body", "hello from the matrix")));
        calls.put("GET /api/v1/conversations", call(Access.MEMBER, w -> "/api/v1/conversations", null));
        calls.put("GET /api/v1/conversations/{id}/messages", call(Access.OWNER,
                w -> "/api/v1/conversations/" + w.conversation() + "/messages", null));
        calls.put("POST /api/v1/conversations/{id}/read", call(Access.OWNER,
                w -> "/api/v1/conversations/" + w.conversation() + "/read", null));
        // reviews
        calls.put("POST /api/v1/reviews", call(Access.MEMBER, w -> "/api/v1/reviews",
                w -> Map.of("classId", w.pastClass(), "rating", 4, "text", "matrix")));
        calls.put("GET /api/v1/reviews", call(Access.MEMBER, w -> "/api/v1/reviews?classId=" + w.pastClass(), null));
        calls.put("GET /api/v1/reviews/{id}", call(Access.MEMBER, w -> "/api/v1/reviews/" + w.review(), null));
        calls.put("PUT /api/v1/reviews/{id}", new Call(Access.OWNER, w -> "/api/v1/reviews/" + w.review(),
                w -> Map.of("rating", 1, "text", "changed"),
                w -> jdbc.sql("SELECT rating FROM reviews WHERE id = ?").param(w.review()).query(Integer.class).single() == 5));
        calls.put("DELETE /api/v1/reviews/{id}", new Call(Access.OWNER, w -> "/api/v1/reviews/" + w.review(), w -> null,
                w -> exists("reviews", w.review())));
        calls.put("POST /api/v1/admin/jobs/rating-aggregation", call(Access.ADMIN,
                w -> "/api/v1/admin/jobs/rating-aggregation", null));
        // matches, notifications (the benchmark's hello endpoint is not part of the API's document)
        calls.put("GET /api/v1/matches", call(Access.MEMBER, w -> "/api/v1/matches", null));
        calls.put("GET /api/v1/notifications", call(Access.MEMBER, w -> "/api/v1/notifications", null));
        calls.put("POST /api/v1/notifications/read", call(Access.MEMBER, w -> "/api/v1/notifications/read", null));
        return calls;
    }

    private static Call call(Access access, Function<World, String> path, @Nullable Function<World, @Nullable Object> body) {
        return new Call(access, path, body == null ? w -> null : body, null);
    }

    private boolean exists(String table, long id) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE id = ?").param(id).query(Long.class).single() == 1;
    }

    private World world() {
        TestUser owner = newUser();
        TestUser friend = newUser();
        TestUser provider = newUser("PROVIDER");
        long providerId = newProvider(provider.id(), "Matrixville");
        long upcoming = newClass(providerId, inDays(3), 50);
        long past = newClass(providerId, inDays(-3), 50);
        TestUser other = newUser();
        TestUser admin = newUser("ADMIN");
        for (TestUser user : List.of(owner, other, provider, admin)) {
            attend(user.id(), past);
        }
        follow(owner, friend);
        long activity = postActivity(owner, "owned by the owner");
        long group = api().post("/api/v1/groups", owner.token(), Map.of("name", "Matrix owners")).json().path("id").asLong();
        long booking = api().post("/api/v1/classes/" + upcoming + "/bookings", owner.token(), null).json().path("id").asLong();
        long review = api().post("/api/v1/reviews", owner.token(), Map.of("classId", past, "rating", 5, "text", "mine"))
                .json().path("id").asLong();
        long conversation = api().post("/api/v1/messages/send", owner.token(),
                Map.of("recipientId", friend.id(), "body", "private")).json().path("conversationId").asLong();
        return new World(owner, other, provider, admin, friend, providerId, activity, group, upcoming, booking, past,
                review, conversation);
    }

    private Map<String, Object> registration() {
        return Map.of("email", unique("matrix") + "@test.fitsocial.app", "password", PASSWORD, "displayName", "Matrix");
    }

    private Map<String, Object> refreshToken() {
        ApiResponse registered = api().post("/api/v1/auth/register", null, registration());
        return Map.of("refreshToken", registered.json().path("refreshToken").asString());
    }

    private ApiResponse send(String method, String path, @Nullable String token, @Nullable Object body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        return api().send(api().request(path, token).method(method, publisher));
    }
}
