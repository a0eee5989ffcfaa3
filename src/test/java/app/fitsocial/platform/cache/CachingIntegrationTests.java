package app.fitsocial.platform.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caches as clients see them: a cached answer is the fresh answer, costs no SQL, every write
 * path shows its change to its writer at once, and personal data never crosses users.
 */
class CachingIntegrationTests extends IntegrationTestSupport {

    @Test
    void aCachedAnswerIsTheFreshAnswerWithoutSql() {
        TestUser reader = newUser();
        TestUser author = newUser();
        follow(reader, author);
        postActivity(author, "cached post");
        String city = unique("Cachetown");
        long provider = newProvider(null, city);
        long classId = newClass(provider, inDays(3), 12, "YOGA", city);
        sharedInterest(reader, newUser());

        for (String path : List.of("/api/v1/users/" + author.id(), "/api/v1/classes/" + classId,
                "/api/v1/classes?city=" + city, "/api/v1/classes/" + classId + "/rating",
                "/api/v1/providers/" + provider + "/rating", "/api/v1/matches", "/api/v1/social/feed")) {
            ApiResponse fresh = api().get(path, reader.token());
            // the first feed read also builds the reader's timeline, so its page is cached by the second
            ApiResponse second = api().get(path, reader.token());
            ApiResponse hit = api().get(path, reader.token());
            assertThat(second.body()).as(path).isEqualTo(fresh.body());
            assertThat(hit.body()).as(path).isEqualTo(fresh.body());
            assertThat(sqlStatementsOf(hit)).as(path + " from the cache").isZero();
        }
    }

    @Test
    void profileEditsAndFollowsShowAtOnce() {
        TestUser user = newUser();
        TestUser fan = newUser();
        String path = "/api/v1/users/" + user.id();
        api().get(path, fan.token());
        api().get(path, fan.token());

        assertThat(api().patch("/api/v1/users/me", user.token(), Map.of("displayName", "Renamed")).status()).isEqualTo(200);
        assertThat(api().get(path, user.token()).json().path("displayName").asString()).isEqualTo("Renamed");

        follow(fan, user);
        assertThat(api().get(path, fan.token()).json().path("followersCount").asLong()).isEqualTo(1);
        assertThat(api().delete(path + "/follow", fan.token()).status()).isEqualTo(204);
        assertThat(api().get(path, fan.token()).json().path("followersCount").asLong()).isZero();
    }

    @Test
    void bookingsCancellationsAndNewClassesShowAtOnce() {
        String city = unique("Booktown");
        TestUser owner = newUser("PROVIDER");
        long provider = newProvider(owner.id(), city);
        long classId = newClass(provider, inDays(2), 5, "HIIT", city);
        TestUser booker = newUser();
        String listing = "/api/v1/classes?city=" + city;
        api().get("/api/v1/classes/" + classId, null);
        api().get(listing, null);

        ApiResponse booked = api().post("/api/v1/classes/" + classId + "/bookings", booker.token(), null);
        assertThat(booked.status()).isEqualTo(201);
        assertThat(api().get("/api/v1/classes/" + classId, booker.token()).json().path("spotsLeft").asInt()).isEqualTo(4);
        assertThat(itemOf(api().get(listing, booker.token()), classId).path("spotsLeft").asInt()).isEqualTo(4);

        assertThat(api().delete("/api/v1/bookings/" + booked.json().path("id").asLong(), booker.token()).status())
                .isEqualTo(204);
        assertThat(api().get("/api/v1/classes/" + classId, booker.token()).json().path("spotsLeft").asInt()).isEqualTo(5);
        assertThat(itemOf(api().get(listing, booker.token()), classId).path("spotsLeft").asInt()).isEqualTo(5);

        ApiResponse published = api().post("/api/v1/classes", owner.token(), Map.of("providerId", provider,
                "title", "Fresh class", "type", "YOGA", "datetime", inDays(1).toString(), "durationMinutes", 45,
                "capacity", 8));
        assertThat(published.status()).as(published.toString()).isEqualTo(201);
        assertThat(itemOf(api().get(listing, owner.token()), published.json().path("id").asLong()).isMissingNode()).isFalse();
    }

    @org.springframework.beans.factory.annotation.Autowired
    private app.fitsocial.reviews.RatingAggregation aggregation;

    @Test
    void aReviewShowsInTheRatingsOnceRecomputed() {
        String city = unique("Ratetown");
        long provider = newProvider(null, city);
        long classId = newClass(provider, inDays(-1), 5, "HIIT", city);
        TestUser reviewer = newUser();
        attend(reviewer.id(), classId);
        for (String path : List.of("/api/v1/classes/" + classId + "/rating", "/api/v1/providers/" + provider + "/rating",
                "/api/v1/classes/" + classId)) {
            api().get(path, null);
        }
        assertThat(api().post("/api/v1/reviews", reviewer.token(), Map.of("classId", classId, "rating", 4)).status())
                .isEqualTo(201);
        assertThat(aggregation.run()).isGreaterThanOrEqualTo(2);
        assertThat(api().get("/api/v1/classes/" + classId + "/rating", null).json().path("count").asLong()).isEqualTo(1);
        assertThat(api().get("/api/v1/providers/" + provider + "/rating", null).json().path("count").asLong()).isEqualTo(1);
        assertThat(api().get("/api/v1/classes/" + classId, null).json().path("ratingCount").asLong()).isEqualTo(1);
    }

    @Test
    void postsFollowsLikesAndGroupJoinsShowInTheFeedAtOnce() {
        TestUser reader = newUser();
        TestUser author = newUser();
        long early = postActivity(author, "before the follow");
        feedIds(reader);
        feedIds(reader);

        follow(reader, author);
        assertThat(feedIds(reader)).contains(early);

        long mine = postActivity(reader, "my own post");
        assertThat(feedIds(reader)).startsWith(mine);

        long pushed = postActivity(author, "pushed to the reader");
        assertThat(feedIds(reader)).startsWith(pushed);

        assertThat(api().post("/api/v1/social/activity/" + pushed + "/likes", reader.token(), null).status()).isEqualTo(204);
        assertThat(feedItem(reader, pushed).path("likedByMe").asBoolean()).isTrue();
        assertThat(api().delete("/api/v1/social/activity/" + pushed + "/likes", reader.token()).status()).isEqualTo(204);
        assertThat(feedItem(reader, pushed).path("likedByMe").asBoolean()).isFalse();

        TestUser member = newUser();
        long group = api().post("/api/v1/groups", member.token(), Map.of("name", unique("Runners"))).json().path("id").asLong();
        long groupPost = postActivity(member, Map.of("type", "POST", "text", "group news", "groupId", group));
        assertThat(feedIds(reader)).doesNotContain(groupPost);
        assertThat(api().post("/api/v1/groups/" + group + "/members", reader.token(), null).status()).isEqualTo(204);
        assertThat(feedIds(reader)).contains(groupPost);
    }

    @Test
    void aProfileEditReRanksTheMatchesAtOnce() {
        TestUser seeker = newUser();
        TestUser runner = newUser();
        TestUser swimmer = newUser();
        String running = unique("running");
        String swimming = unique("swimming");
        setInterests(runner, running);
        setInterests(swimmer, swimming);
        setInterests(seeker, running);
        assertThat(matchIds(seeker)).contains(runner.id()).doesNotContain(swimmer.id());
        assertThat(matchIds(seeker)).contains(runner.id());

        setInterests(seeker, swimming);
        assertThat(matchIds(seeker)).contains(swimmer.id()).doesNotContain(runner.id());

        follow(seeker, swimmer);
        assertThat(matchIds(seeker)).doesNotContain(swimmer.id());
    }

    @Test
    void personalCachedDataNeverReachesAnotherUser() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        TestUser aliceFriend = newUser();
        follow(alice, aliceFriend);
        long secretish = postActivity(aliceFriend, "only alice follows me");
        sharedInterest(alice, aliceFriend);
        assertThat(feedIds(alice)).contains(secretish);
        assertThat(feedIds(alice)).contains(secretish);
        api().get("/api/v1/matches", alice.token());

        assertThat(feedIds(bob)).doesNotContain(secretish);
        assertThat(matchIds(bob)).doesNotContain(aliceFriend.id());
        assertThat(api().post("/api/v1/social/activity/" + secretish + "/likes", alice.token(), null).status()).isEqualTo(204);
        assertThat(feedItem(alice, secretish).path("likedByMe").asBoolean()).isTrue();
        follow(bob, aliceFriend);
        assertThat(feedItem(bob, secretish).path("likedByMe").asBoolean()).as("alice's like is not bob's").isFalse();
    }

    @Test
    void reportsTheStandardCacheMetricsWithTheirLevelToPrometheus() {
        TestUser user = newUser();
        api().get("/api/v1/users/" + user.id(), user.token());
        api().get("/api/v1/users/" + user.id(), user.token());
        ApiResponse scrape = api().send(api().request("/actuator/prometheus", null).setHeader("Accept", "text/plain"));
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("cache_gets_total{application=\"fitsocial\",cache=\"user-profiles\",level=\"l2\",result=\"miss\"")
                .contains("cache_gets_total{application=\"fitsocial\",cache=\"user-profiles\",level=\"l1\",result=\"hit\"")
                .contains("cache_puts_total{application=\"fitsocial\",cache=\"user-profiles\"")
                .contains("cache_size{application=\"fitsocial\",cache=\"user-profiles\",level=\"l1\"")
                .contains("cache_loads_seconds_count{application=\"fitsocial\",cache=\"user-profiles\"");
    }

    private void sharedInterest(TestUser a, TestUser b) {
        String interest = unique("climbing");
        setInterests(a, interest);
        setInterests(b, interest);
    }

    private void setInterests(TestUser user, String interest) {
        assertThat(api().patch("/api/v1/users/me", user.token(), Map.of("interests", List.of(interest))).status())
                .isEqualTo(200);
    }

    private List<Long> matchIds(TestUser user) {
        List<Long> ids = new ArrayList<>();
        api().get("/api/v1/matches?limit=50", user.token()).json().path("items")
                .forEach(m -> ids.add(m.path("user").path("id").asLong()));
        return ids;
    }

    private List<Long> feedIds(TestUser user) {
        ApiResponse feed = api().get("/api/v1/social/feed?limit=50", user.token());
        assertThat(feed.status()).as(feed.toString()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        feed.json().path("items").forEach(item -> ids.add(item.path("id").asLong()));
        return ids;
    }

    private JsonNode feedItem(TestUser user, long activityId) {
        return itemOf(api().get("/api/v1/social/feed?limit=50", user.token()), activityId);
    }

    private static JsonNode itemOf(ApiResponse page, long id) {
        for (JsonNode item : page.json().path("items")) {
            if (item.path("id").asLong() == id) {
                return item;
            }
        }
        return tools.jackson.databind.node.MissingNode.getInstance();
    }
}
