package app.fitsocial.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

class MatchesIntegrationTests extends IntegrationTestSupport {

    /** A user placed at a spot far from every other test's users, so the results are this test's alone. */
    private TestUser personAt(double lat, double lon, String level, List<String> interests) {
        TestUser user = newUser();
        ApiResponse updated = api().patch("/api/v1/users/me", user.token(), Map.of("latitude", lat, "longitude", lon,
                "fitnessLevel", level, "interests", interests));
        assertThat(updated.status()).isEqualTo(200);
        return user;
    }

    private List<Long> matchIds(TestUser user) {
        ApiResponse response = api().get("/api/v1/matches?limit=50", user.token());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        response.json().path("items").forEach(m -> ids.add(m.path("user").path("id").asLong()));
        return ids;
    }

    @Test
    void suggestsNearbyPartnersBestFirstButNeverYourselfOrWhomYouFollow() {
        double lat = -40 - Math.random() * 5;
        double lon = -100 - Math.random() * 5;
        TestUser seeker = personAt(lat, lon, "INTERMEDIATE", List.of("running", "yoga"));
        TestUser twin = personAt(lat + 0.001, lon, "INTERMEDIATE", List.of("running", "yoga"));
        TestUser partial = personAt(lat + 0.05, lon, "ADVANCED", List.of("running"));
        TestUser followed = personAt(lat, lon + 0.001, "INTERMEDIATE", List.of("running", "yoga"));
        TestUser farAway = personAt(lat + 5, lon, "INTERMEDIATE", List.of("running", "yoga"));
        api().post("/api/v1/users/" + followed.id() + "/follow", seeker.token(), null);

        List<Long> ids = matchIds(seeker);
        assertThat(ids).containsExactly(twin.id(), partial.id());
        assertThat(ids).doesNotContain(seeker.id(), followed.id(), farAway.id());

        var best = api().get("/api/v1/matches", seeker.token()).json().path("items").get(0);
        assertThat(best.path("score").asDouble()).isBetween(0.8, 1.0);
        assertThat(best.path("reasons").valueStream().map(r -> r.asString()).toList())
                .contains("Shares your interests in running, yoga", "Same fitness level (intermediate)");
        assertThat(best.path("user").has("latitude")).isFalse();
        assertThat(best.path("user").has("email")).isFalse();
    }

    @Test
    void sharedClassesRaiseTheScore() {
        double lat = 60 + Math.random() * 5;
        double lon = 100 + Math.random() * 5;
        TestUser seeker = personAt(lat, lon, "BEGINNER", List.of("spinning"));
        TestUser classmate = personAt(lat + 0.01, lon, "BEGINNER", List.of("spinning"));
        TestUser stranger = personAt(lat - 0.01, lon, "BEGINNER", List.of("spinning"));
        long classId = newClass(newProvider(null, "Far"), inDays(-3), 10);
        attend(seeker.id(), classId);
        attend(classmate.id(), classId);

        assertThat(matchIds(seeker)).containsExactly(classmate.id(), stranger.id());
        var top = api().get("/api/v1/matches", seeker.token()).json().path("items").get(0);
        assertThat(top.path("reasons").valueStream().map(r -> r.asString()).toList()).contains("Booked 1 of the same class");
    }

    @Test
    void pagesThroughMatchesAndRejectsBadInput() {
        double lat = 10 + Math.random() * 5;
        double lon = 150 + Math.random() * 5;
        TestUser seeker = personAt(lat, lon, "ADVANCED", List.of("boxing"));
        for (int i = 0; i < 5; i++) {
            personAt(lat + i * 0.01, lon, "ADVANCED", List.of("boxing"));
        }
        ApiResponse first = api().get("/api/v1/matches?limit=3", seeker.token());
        ApiResponse second = api().get("/api/v1/matches?limit=3&cursor=" + first.json().path("nextCursor").asString(),
                seeker.token());
        List<Long> all = new ArrayList<>();
        first.json().path("items").forEach(m -> all.add(m.path("user").path("id").asLong()));
        second.json().path("items").forEach(m -> all.add(m.path("user").path("id").asLong()));
        assertThat(all).hasSize(5).doesNotHaveDuplicates();
        assertThat(second.json().path("nextCursor").isNull()).isTrue();

        assertFieldError(api().get("/api/v1/matches?cursor=nonsense", seeker.token()), "cursor");
        assertFieldError(api().get("/api/v1/matches?limit=500", seeker.token()), "limit");
        assertProblem(api().get("/api/v1/matches", null), 401, "unauthorized");
    }

    @Test
    void aUserWithNeitherLocationNorCityIsMatchedBySharedInterests() {
        // an interest with a quote and a comma must match as one literal value
        String interest = unique("tai \"chi\", qigong").toLowerCase();
        TestUser seeker = newUser();
        api().patch("/api/v1/users/me", seeker.token(), Map.of("interests", List.of(interest)));
        TestUser kindred = newUser();
        api().patch("/api/v1/users/me", kindred.token(), Map.of("interests", List.of(interest, "yoga")));
        TestUser almost = newUser();
        api().patch("/api/v1/users/me", almost.token(), Map.of("interests", List.of(interest.replace("\"", ""))));

        assertThat(matchIds(seeker)).containsExactly(kindred.id());
    }

    @Test
    void aUserWithoutLocationIsMatchedWithinTheirCity() {
        String city = unique("Atlantis");
        TestUser seeker = newUser();
        api().patch("/api/v1/users/me", seeker.token(), Map.of("city", city, "interests", List.of("rowing")));
        TestUser neighbour = newUser();
        api().patch("/api/v1/users/me", neighbour.token(), Map.of("city", city, "interests", List.of("rowing")));
        assertThat(matchIds(seeker)).containsExactly(neighbour.id());
    }
}
