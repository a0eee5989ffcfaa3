package app.fitsocial.social;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The home feed, with the test context's celebrity threshold of 5 followers. */
class FeedIntegrationTests extends IntegrationTestSupport {

    @Autowired
    private StringRedisTemplate redis;

    @Autowired
    private FeedService feedService;

    private List<Long> feedIds(TestUser reader, int limit) {
        ApiResponse response = api().get("/api/v1/social/feed?limit=" + limit, reader.token());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        response.json().path("items").forEach(n -> ids.add(n.path("id").asLong()));
        return ids;
    }

    private boolean timelineExists(TestUser user) {
        return Boolean.TRUE.equals(redis.hasKey(FeedTimelines.key(user.id())));
    }

    @Test
    void aPostReachesTheTimelinesOfFollowersWhoAreActive() {
        TestUser author = newUser();
        TestUser reader = newUser();
        follow(reader, author);
        long older = postActivity(author, "Warm-up");
        long own = postActivity(reader, "My own run");
        assertThat(feedIds(reader, 10)).containsExactly(own, older);
        assertThat(timelineExists(reader)).isTrue();
        redis.expire(FeedTimelines.key(reader.id()), java.time.Duration.ofMinutes(1));
        feedIds(reader, 10);
        // every read renews the idle expiry (7 days here), which is what keeps an active reader's timeline live
        assertThat(redis.getExpire(FeedTimelines.key(reader.id()))).isGreaterThan(java.time.Duration.ofDays(6).toSeconds());

        long fresh = postActivity(author, "Intervals");
        // pushed into the live timeline on write, not rebuilt
        assertThat(redis.opsForZSet().score(FeedTimelines.key(reader.id()), Long.toString(fresh))).isNotNull();
        assertThat(feedIds(reader, 10)).containsExactly(fresh, own, older);
    }

    @Test
    void inactiveFollowersGetNoPushButAFullFeedWhenTheyReturn() {
        TestUser author = newUser();
        TestUser sleeper = newUser();
        follow(sleeper, author);
        long first = postActivity(author, "One");
        assertThat(timelineExists(sleeper)).isFalse();
        long second = postActivity(author, "Two");
        assertThat(timelineExists(sleeper)).isFalse();
        assertThat(feedIds(sleeper, 10)).containsExactly(second, first);
    }

    @Test
    void unfollowRemovesTheAuthorsItemsAndFollowMergesThemIntoTheLiveTimeline() {
        TestUser author = newUser();
        TestUser other = newUser();
        TestUser reader = newUser();
        follow(reader, author);
        follow(reader, other);
        long post = postActivity(author, "Hill repeats");
        long kept = postActivity(other, "Tempo");
        assertThat(feedIds(reader, 10)).containsExactly(kept, post);

        assertThat(api().delete("/api/v1/users/" + author.id() + "/follow", reader.token()).status()).isEqualTo(204);
        assertThat(redis.opsForZSet().score(FeedTimelines.key(reader.id()), Long.toString(post)))
                .as("removed from the live timeline, which is kept").isNull();
        assertThat(sqlStatementsOf(api().get("/api/v1/social/feed", reader.token())))
                .as("the changed sources are read again (following, celebrities among them, groups); no rebuild")
                .isEqualTo(3);
        assertThat(feedIds(reader, 10)).containsExactly(kept);

        follow(reader, author);
        assertThat(redis.opsForZSet().score(FeedTimelines.key(reader.id()), Long.toString(post)))
                .as("merged into the live timeline").isNotNull();
        assertThat(sqlStatementsOf(api().get("/api/v1/social/feed", reader.token())))
                .as("the sources again, and the profile of the author, whose followers count changed; no rebuild")
                .isEqualTo(4);
        assertThat(feedIds(reader, 10)).containsExactly(kept, post)
                .containsExactlyElementsOf(feedService.referenceFeed(reader.id(), Long.MAX_VALUE, 10));
    }

    @Test
    void followingACelebrityMergesNothingIntoTheTimeline() {
        TestUser celebrity = newUser();
        for (int i = 0; i < 5; i++) {
            follow(newUser(), celebrity);
        }
        long announcement = postActivity(celebrity, "Season opener");
        TestUser reader = newUser();
        assertThat(feedIds(reader, 10)).isEmpty();
        follow(reader, celebrity);
        assertThat(redis.opsForZSet().score(FeedTimelines.key(reader.id()), Long.toString(announcement))).isNull();
        assertThat(feedIds(reader, 10)).as("merged at read time").containsExactly(announcement);
    }

    @Test
    void deletedPostsLeaveTheFeed() {
        TestUser author = newUser();
        TestUser reader = newUser();
        follow(reader, author);
        long keep = postActivity(author, "Keep");
        long drop = postActivity(author, "Drop");
        assertThat(feedIds(reader, 10)).containsExactly(drop, keep);
        api().delete("/api/v1/social/activity/" + drop, author.token());
        assertThat(redis.opsForZSet().score(FeedTimelines.key(reader.id()), Long.toString(drop))).isNull();
        assertThat(feedIds(reader, 10)).containsExactly(keep);
    }

    @Test
    void aCelebritysPostReachesFollowersThroughTheReadTimeMerge() {
        TestUser celebrity = newUser();
        TestUser reader = newUser();
        follow(reader, celebrity);
        for (int i = 0; i < 5; i++) {
            follow(newUser(), celebrity);
        }
        assertThat(feedIds(reader, 10)).isEmpty();
        long announcement = postActivity(celebrity, "New programme out");
        // not fanned out ...
        assertThat(redis.opsForZSet().score(FeedTimelines.key(reader.id()), Long.toString(announcement))).isNull();
        // ... yet in the feed
        assertThat(feedIds(reader, 10)).containsExactly(announcement);
    }

    @Test
    void joinedGroupsActivityAppearsAndLeavesWithMembership() {
        TestUser owner = newUser();
        long group = api().post("/api/v1/groups", owner.token(), Map.of("name", unique("Rowers"))).json().path("id").asLong();
        long groupPost = postActivity(owner, Map.of("type", "POST", "text", "Regatta Sunday", "groupId", group));
        TestUser reader = newUser();
        assertThat(feedIds(reader, 10)).doesNotContain(groupPost);
        api().post("/api/v1/groups/" + group + "/members", reader.token(), null);
        assertThat(feedIds(reader, 10)).containsExactly(groupPost);
        api().delete("/api/v1/groups/" + group + "/members", reader.token());
        assertThat(feedIds(reader, 10)).doesNotContain(groupPost);
    }

    @Test
    void aColdTimelineIsRebuiltAndAgreesWithPostgreSql() {
        TestUser reader = newUser();
        TestUser a = newUser();
        TestUser b = newUser();
        follow(reader, a);
        follow(reader, b);
        for (int i = 0; i < 7; i++) {
            postActivity(i % 2 == 0 ? a : b, "Session " + i);
        }
        postActivity(reader, "Me too");
        List<Long> warm = feedIds(reader, 20);
        redis.delete(FeedTimelines.key(reader.id()));
        List<Long> cold = feedIds(reader, 20);
        List<Long> reference = feedService.referenceFeed(reader.id(), Long.MAX_VALUE, 20);
        assertThat(cold).hasSize(8).containsExactlyElementsOf(reference).containsExactlyElementsOf(warm);
        assertThat(timelineExists(reader)).isTrue();
    }

    @Test
    void pagesThroughTheFeedWithCursors() {
        TestUser reader = newUser();
        TestUser author = newUser();
        follow(reader, author);
        List<Long> posted = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            posted.add(postActivity(author, "Day " + i));
        }
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        do {
            ApiResponse page = api().get("/api/v1/social/feed?limit=3" + (cursor == null ? "" : "&cursor=" + cursor),
                    reader.token());
            page.json().path("items").forEach(n -> seen.add(n.path("id").asLong()));
            cursor = page.json().path("nextCursor").isNull() ? null : page.json().path("nextCursor").asString();
        } while (cursor != null);
        java.util.Collections.reverse(posted);
        assertThat(seen).containsExactlyElementsOf(posted);
    }

    @Test
    void feedItemsAreComplete() {
        TestUser reader = newUser();
        TestUser author = newUser();
        follow(reader, author);
        long id = postActivity(author, "Complete me");
        api().post("/api/v1/social/activity/" + id + "/likes", reader.token(), null);
        api().post("/api/v1/social/activity/" + id + "/comments", reader.token(), Map.of("text", "Great"));
        var item = api().get("/api/v1/social/feed", reader.token()).json().path("items").get(0);
        assertThat(item.path("author").path("id").asLong()).isEqualTo(author.id());
        assertThat(item.path("likesCount").asLong()).isEqualTo(1);
        assertThat(item.path("commentsCount").asLong()).isEqualTo(1);
        assertThat(item.path("likedByMe").asBoolean()).isTrue();
    }

    @Test
    void feedStatementsDoNotGrowWithThePageSizeAndAWarmFeedRunsNone() {
        List<Long> cold = new ArrayList<>();
        for (int limit : List.of(2, 25)) {
            TestUser reader = newUser();
            TestUser author = newUser();
            follow(reader, author);
            for (int i = 0; i < 25; i++) {
                postActivity(author, "Rep " + i);
            }
            // a reader read for the first time: the sources (following, celebrities among them, groups),
            // the timeline's rebuild, the reader's likes; the activities and their authors are cached
            // since they were posted
            cold.add(sqlStatementsOf(api().get("/api/v1/social/feed?limit=" + limit, reader.token())));
            assertThat(sqlStatementsOf(api().get("/api/v1/social/feed?limit=" + limit, reader.token())))
                    .as("every part of the page is cached").isZero();
            redis.delete(FeedTimelines.key(reader.id()));
            assertThat(sqlStatementsOf(api().get("/api/v1/social/feed?limit=25", reader.token())))
                    .as("only the rebuild of the missing timeline").isEqualTo(1);
        }
        assertThat(cold.get(0)).isEqualTo(cold.get(1)).isEqualTo(5);
    }

    @Test
    void rejectsBadFeedRequests() {
        TestUser reader = newUser();
        assertFieldError(api().get("/api/v1/social/feed?cursor=garbage", reader.token()), "cursor");
        assertFieldError(api().get("/api/v1/social/feed?limit=0", reader.token()), "limit");
        assertFieldError(api().get("/api/v1/social/feed?limit=101", reader.token()), "limit");
        assertProblem(api().get("/api/v1/social/feed", null), 401, "unauthorized");
    }
}
