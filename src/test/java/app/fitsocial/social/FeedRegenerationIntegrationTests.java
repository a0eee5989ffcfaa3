package app.fitsocial.social;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed regeneration job against real PostgreSQL and Redis: a missed push, a missed removal
 * and a missed unfollow are all repaired for an active reader; an idle reader's timeline is
 * dropped; a timeline that is already right is left alone.
 */
class FeedRegenerationIntegrationTests extends IntegrationTestSupport {

    private static final String READERS = "fitsocial:v2:feed-readers";

    @Autowired
    private FeedRegeneration regeneration;

    @Autowired
    private StringRedisTemplate redis;

    private List<Long> timeline(TestUser reader) {
        return redis.opsForZSet().reverseRangeByScore(FeedTimelines.key(reader.id()), 1, Double.MAX_VALUE).stream()
                .map(Long::valueOf).toList();
    }

    private List<Long> feed(TestUser reader) {
        List<Long> ids = new java.util.ArrayList<>();
        api().get("/api/v1/social/feed?limit=50", reader.token()).json().path("items")
                .forEach(item -> ids.add(item.path("id").asLong()));
        return ids;
    }

    @Test
    void repairsWhatFanOutMissedForAnActiveReader() {
        TestUser reader = newUser();
        TestUser author = newUser();
        TestUser dropped = newUser();
        follow(reader, author);
        follow(reader, dropped);
        long kept = postActivity(author, "kept");
        long unfollowedPost = postActivity(dropped, "from someone unfollowed");
        assertThat(feed(reader)).contains(kept, unfollowedPost);

        long missed = postActivity(author, "its push was lost");
        redis.opsForZSet().remove(FeedTimelines.key(reader.id()), Long.toString(missed));
        long deleted = postActivity(author, "deleted without its removal reaching Redis");
        jdbc.sql("DELETE FROM activities WHERE id = :id").param("id", deleted).update();
        jdbc.sql("DELETE FROM follows WHERE follower_id = :r AND following_id = :f")
                .param("r", reader.id()).param("f", dropped.id()).update();
        assertThat(timeline(reader)).contains(deleted, unfollowedPost).doesNotContain(missed);

        regeneration.run();

        assertThat(timeline(reader)).containsExactly(missed, kept);
        assertThat(feed(reader)).containsExactly(missed, kept);
    }

    @Test
    void leavesARightTimelineAloneAndDropsAnIdleReadersTimeline() {
        TestUser active = newUser();
        TestUser idle = newUser();
        TestUser author = newUser();
        follow(active, author);
        follow(idle, author);
        long post = postActivity(author, "for both");
        feed(active);
        feed(idle);
        redis.opsForZSet().add(READERS, Long.toString(idle.id()),
                Instant.now().minus(8, ChronoUnit.DAYS).getEpochSecond());

        regeneration.run();

        assertThat(timeline(active)).containsExactly(post);
        assertThat(redis.hasKey(FeedTimelines.key(idle.id()))).as("idle for longer than a timeline lives").isFalse();
        assertThat(redis.opsForZSet().score(READERS, Long.toString(idle.id()))).isNull();
        assertThat(feed(idle)).as("rebuilt when the reader returns").containsExactly(post);
        assertThat(redis.opsForZSet().score(READERS, Long.toString(idle.id()))).isNotNull();
    }

    @Test
    void diffRemovesOnlyWithinTheRangeTheExpectedIdsCover() {
        // a full expected list (the cap) says nothing about ids older than its oldest
        var repair = FeedRegeneration.diff(1, List.of(90L, 50L, 40L, 5L), List.of(100L, 90L, 40L), 3);
        assertThat(repair.add()).containsExactly(100L);
        assertThat(repair.remove()).containsExactly(50L);
        assertThat(repair.exactFrom()).as("older ids than the oldest expected go").isEqualTo(40L);

        var notFull = FeedRegeneration.diff(1, List.of(90L, 5L), List.of(90L), 3);
        assertThat(notFull.add()).isEmpty();
        assertThat(notFull.remove()).containsExactly(5L);
        assertThat(notFull.exactFrom()).as("complete").isEqualTo(FeedTimelines.COMPLETE);
    }
}
