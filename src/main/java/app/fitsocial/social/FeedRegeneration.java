package app.fitsocial.social;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.annotations.Recurring;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import app.fitsocial.identity.UserDirectory;
import app.fitsocial.platform.jobs.JobRuns;

/**
 * The feed regeneration job: every {@code fitsocial.jobs.feed-regeneration-interval} (5 min)
 * repairs the precomputed timelines of recently active readers, so that a fan-out lost to a
 * Redis failure or a crash between commit and push heals within one period, and drops the
 * timelines of readers idle for {@code timelineIdleTtl}.
 * <p>
 * Work per run is bounded by {@code regenerationBatch} readers (the most recent first), handled
 * in chunks of 200: one pipelined read of their timelines, then three statements (whom they
 * follow, which of those are celebrities, the newest activity ids of each reader's pushed
 * authors), then one pipelined repair that adds missing ids and removes ids that no longer
 * belong (deleted posts, unfollowed authors). The timelines are read before PostgreSQL, so every
 * id they hold was committed before the statement's snapshot: an id missing from the statement's
 * answer is stale, and a push that lands during the run is never undone.
 */
@Component
public class FeedRegeneration {

    static final String JOB_ID = "feed-regeneration";
    private static final int CHUNK = 200;

    private final FeedTimelines timelines;
    private final FollowGraph follows;
    private final UserDirectory users;
    private final JdbcClient jdbc;
    private final FeedSettings settings;
    private final Clock clock;
    private final JobRuns.Measured runs;
    private final Counter repaired;
    private final Counter dropped;

    FeedRegeneration(FeedTimelines timelines, FollowGraph follows, UserDirectory users, JdbcClient jdbc,
            FeedSettings settings, Clock clock, JobRuns runs, MeterRegistry registry) {
        this.timelines = timelines;
        this.follows = follows;
        this.users = users;
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
        this.runs = runs.of(JOB_ID);
        this.repaired = Counter.builder("fitsocial.feed.timelines.repaired")
                .description("Timelines the regeneration job found wrong and corrected").register(registry);
        this.dropped = Counter.builder("fitsocial.feed.timelines.dropped")
                .description("Timelines of idle readers the regeneration job dropped").register(registry);
    }

    /** Drops idle readers' timelines and repairs active readers'; returns how many timelines were checked. */
    @Recurring(id = JOB_ID, interval = "${fitsocial.jobs.feed-regeneration-interval:PT5M}")
    @Job(name = "Repair the timelines of active readers")
    public int run() {
        return runs.run(this::regenerate);
    }

    private int regenerate() {
        Instant now = clock.instant();
        List<Long> idle = timelines.readersIdleSince(now.minus(settings.timelineIdleTtl()), settings.regenerationBatch());
        timelines.forget(idle);
        dropped.increment(idle.size());
        List<Long> active = timelines.readersSince(now.minus(settings.activeWindow()), settings.regenerationBatch());
        int checked = 0;
        for (int from = 0; from < active.size(); from += CHUNK) {
            checked += repair(active.subList(from, Math.min(active.size(), from + CHUNK)));
        }
        return checked;
    }

    private int repair(List<Long> readers) {
        Map<Long, FeedTimelines.Slice> current = timelines.contents(readers);
        if (current.isEmpty()) {
            return 0;
        }
        Map<Long, List<Long>> expected = expected(new ArrayList<>(current.keySet()));
        List<FeedTimelines.Repair> repairs = new ArrayList<>();
        current.forEach((reader, held) -> {
            FeedTimelines.Repair repair = diff(reader, held.ids(), expected.getOrDefault(reader, List.of()),
                    settings.timelineSize());
            boolean truncated = repair.exactFrom() != FeedTimelines.COMPLETE;
            if (!repair.add().isEmpty() || !repair.remove().isEmpty() || truncated != held.truncated()) {
                repairs.add(repair);
            }
        });
        timelines.repair(repairs);
        repaired.increment(repairs.size());
        return current.size();
    }

    /**
     * What a timeline must gain and lose to hold exactly the expected ids. When they fill the cap
     * (the reader's sources may have older ids), the timeline is then exact from the oldest of
     * them and older ids go; otherwise it is complete.
     */
    static FeedTimelines.Repair diff(long reader, List<Long> held, List<Long> expected, int cap) {
        Set<Long> heldIds = new HashSet<>(held);
        Set<Long> expectedIds = new HashSet<>(expected);
        long exactFrom = expected.size() >= cap ? expected.get(expected.size() - 1) : FeedTimelines.COMPLETE;
        List<Long> add = expected.stream().filter(id -> !heldIds.contains(id)).toList();
        List<Long> remove = held.stream().filter(id -> id >= exactFrom && !expectedIds.contains(id)).toList();
        return new FeedTimelines.Repair(reader, add, remove, exactFrom);
    }

    /** Each reader's newest activity ids by their pushed authors (themselves and the non-celebrities they follow). */
    private Map<Long, List<Long>> expected(List<Long> readers) {
        Set<Long> celebrities = users.withFollowersAtLeast(follows.followedByAny(readers), settings.celebrityThreshold());
        Map<Long, List<Long>> expected = new HashMap<>();
        jdbc.sql("""
                SELECT r.reader, a.id
                FROM unnest(:readers) AS r(reader)
                CROSS JOIN LATERAL (
                    SELECT id FROM activities
                    WHERE author_id = ANY(ARRAY(
                        SELECT r.reader
                        UNION ALL
                        SELECT f.following_id FROM follows f
                        WHERE f.follower_id = r.reader AND f.following_id <> ALL(:celebrities)))
                    ORDER BY id DESC LIMIT :cap) a
                ORDER BY r.reader, a.id DESC""")
                .param("readers", readers.toArray(Long[]::new))
                .param("celebrities", celebrities.toArray(Long[]::new))
                .param("cap", settings.timelineSize())
                .query(rs -> {
                    expected.computeIfAbsent(rs.getLong("reader"), r -> new ArrayList<>()).add(rs.getLong("id"));
                });
        return expected;
    }
}
