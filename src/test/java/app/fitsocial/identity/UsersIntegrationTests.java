package app.fitsocial.identity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

class UsersIntegrationTests extends IntegrationTestSupport {

    @Test
    void showsTheOwnProfileWithEmailAndCounters() {
        TestUser user = newUser();
        ApiResponse response = api().get("/api/v1/users/me", user.token());
        assertThat(response.status()).isEqualTo(200);
        var me = response.json();
        assertThat(me.path("id").asLong()).isEqualTo(user.id());
        assertThat(me.path("email").asString()).isEqualTo(user.email());
        assertThat(me.path("followersCount").asLong()).isZero();
        assertThat(me.path("followingCount").asLong()).isZero();
        assertThat(me.path("interests").isArray()).isTrue();
    }

    @Test
    void updatesOnlyTheFieldsSent() {
        TestUser user = newUser();
        ApiResponse first = api().patch("/api/v1/users/me", user.token(), Map.of("bio", "Trail runner",
                "fitnessLevel", "ADVANCED", "interests", List.of("Running", "yoga", "running"), "city", "Lisbon",
                "latitude", 38.72, "longitude", -9.14));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("interests").valueStream().map(n -> n.asString()).toList())
                .containsExactly("running", "yoga");

        ApiResponse second = api().patch("/api/v1/users/me", user.token(), Map.of("displayName", "Renamed"));
        var me = second.json();
        assertThat(me.path("displayName").asString()).isEqualTo("Renamed");
        assertThat(me.path("bio").asString()).isEqualTo("Trail runner");
        assertThat(me.path("fitnessLevel").asString()).isEqualTo("ADVANCED");
        assertThat(me.path("city").asString()).isEqualTo("Lisbon");
        assertThat(me.path("latitude").asDouble()).isEqualTo(38.72);
        assertThat(Instant.parse(me.path("updatedAt").asString())).isAfterOrEqualTo(
                Instant.parse(me.path("createdAt").asString()));

        ApiResponse cleared = api().patch("/api/v1/users/me", user.token(), Map.of("bio", "", "interests", List.of()));
        assertThat(cleared.json().path("bio").isNull()).isTrue();
        assertThat(cleared.json().path("interests").size()).isZero();
    }

    @Test
    void rejectsInvalidProfileChanges() {
        TestUser user = newUser();
        assertFieldError(api().patch("/api/v1/users/me", user.token(), Map.of("latitude", 91)), "latitude");
        assertFieldError(api().patch("/api/v1/users/me", user.token(), Map.of("bio", "x".repeat(501))), "bio");
        assertFieldError(api().patch("/api/v1/users/me", user.token(), Map.of("displayName", "   ")), "displayName");
        assertFieldError(api().patch("/api/v1/users/me", user.token(), Map.of("fitnessLevel", "OLYMPIAN")),
                "fitnessLevel");
        assertFieldError(api().patch("/api/v1/users/me", user.token(), Map.of("longitude", "east")), "longitude");
        assertProblem(api().patch("/api/v1/users/me", user.token(), "[1,2"), 400, "malformed-body");
        assertThat(api().get("/api/v1/users/me", user.token()).json().path("latitude").isNull()).isTrue();
    }

    @Test
    void publicProfileHidesEmailAndLocation() {
        TestUser user = newUser();
        api().patch("/api/v1/users/me", user.token(), Map.of("latitude", 10, "longitude", 20));
        TestUser viewer = newUser();
        ApiResponse response = api().get("/api/v1/users/" + user.id(), viewer.token());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("id").asLong()).isEqualTo(user.id());
        assertThat(response.json().has("email")).isFalse();
        assertThat(response.json().has("latitude")).isFalse();
        assertThat(response.body()).doesNotContain(user.email());
    }

    @Test
    void unknownUserIsNotFound() {
        assertProblem(api().get("/api/v1/users/999999999", newUser().token()), 404, "not-found");
        assertFieldError(api().get("/api/v1/users/abc", newUser().token()), "id");
    }

    @Test
    void searchesByDisplayNamePrefixPageByPage() {
        String prefix = unique("Zed").replace("-", "");
        TestUser viewer = newUser();
        for (int i = 0; i < 5; i++) {
            TestUser user = newUser();
            api().patch("/api/v1/users/me", user.token(), Map.of("displayName", prefix + " " + i));
        }
        ApiResponse first = api().get("/api/v1/users?q=" + prefix.toLowerCase() + "&limit=3", viewer.token());
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("items").size()).isEqualTo(3);
        String cursor = first.json().path("nextCursor").asString();
        assertThat(first.header("Link")).hasValueSatisfying(link -> assertThat(link).contains("rel=\"next\""));

        ApiResponse second = api().get("/api/v1/users?q=" + prefix + "&limit=3&cursor=" + cursor, viewer.token());
        assertThat(second.json().path("items").size()).isEqualTo(2);
        assertThat(second.json().path("nextCursor").isNull()).isTrue();
        assertThat(second.header("Link")).isEmpty();
        List<String> names = new java.util.ArrayList<>();
        first.json().path("items").forEach(n -> names.add(n.path("displayName").asString()));
        second.json().path("items").forEach(n -> names.add(n.path("displayName").asString()));
        assertThat(names).containsExactly(prefix + " 0", prefix + " 1", prefix + " 2", prefix + " 3", prefix + " 4");
    }

    @Test
    void searchTreatsLikeWildcardsLiterally() {
        String tag = unique("w").replace("-", "");
        TestUser percent = newUser();
        api().patch("/api/v1/users/me", percent.token(), Map.of("displayName", tag + "50% Club"));
        TestUser other = newUser();
        api().patch("/api/v1/users/me", other.token(), Map.of("displayName", tag + "50x_Club"));

        ApiResponse literalPercent = api().get("/api/v1/users?q=" + tag + "50%25", newUser().token());
        assertThat(literalPercent.json().path("items").valueStream().map(n -> n.path("id").asLong()).toList())
                .containsExactly(percent.id());
        ApiResponse literalUnderscore = api().get("/api/v1/users?q=" + tag + "50x_", newUser().token());
        assertThat(literalUnderscore.json().path("items").valueStream().map(n -> n.path("id").asLong()).toList())
                .containsExactly(other.id());
        ApiResponse upperCase = api().get("/api/v1/users?q=" + tag.toUpperCase() + "50X", newUser().token());
        assertThat(upperCase.json().path("items").valueStream().map(n -> n.path("id").asLong()).toList())
                .containsExactly(other.id());
    }

    @Test
    void rejectsBadSearchParameters() {
        String token = newUser().token();
        assertFieldError(api().get("/api/v1/users", token), "q");
        assertFieldError(api().get("/api/v1/users?q=" + "a".repeat(51), token), "q");
        assertFieldError(api().get("/api/v1/users?q=a&limit=0", token), "limit");
        assertFieldError(api().get("/api/v1/users?q=a&limit=101", token), "limit");
        assertFieldError(api().get("/api/v1/users?q=a&limit=ten", token), "limit");
        assertFieldError(api().get("/api/v1/users?q=a&cursor=not-a-cursor", token), "cursor");
    }
}
