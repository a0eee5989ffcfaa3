package app.fitsocial.social;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import app.fitsocial.PrivateRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The precomputed timeline against a model, on a real Redis: random sequences of posts, deletes,
 * follows (merging the author's newest posts), unfollows (removing them), rebuilds, expiries and
 * regeneration repairs, with a small cap so that trimming and truncation happen all the time.
 * After every step, paging through the whole feed the way {@link FeedService} does (the timeline,
 * or PostgreSQL's answer when a page reaches below a truncated timeline) must give exactly the
 * model's feed: every post of a followed source, newest first, none missing, none extra.
 */
class FeedTimelinesPropertyTests {

    private static final int CAP = 10;
    private static final int SOURCES = 4;

    private static PrivateRedis redis;
    private static LettuceConnectionFactory connections;
    private static FeedTimelines timelines;
    private static final AtomicLong readers = new AtomicLong();

    @BeforeContainer
    static void start() throws IOException {
        redis = PrivateRedis.start();
        int port = Integer.parseInt(redis.url().substring(redis.url().lastIndexOf(':') + 1));
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
        connections.afterPropertiesSet();
        connections.start();
        timelines = new FeedTimelines(new StringRedisTemplate(connections),
                new FeedSettings(CAP, 1000, Duration.ofDays(7), Duration.ofHours(1), 100, Duration.ofSeconds(1)), Clock.systemUTC());
    }

    @AfterContainer
    static void stop() throws IOException {
        connections.destroy();
        redis.close();
    }

    enum Kind { POST, DELETE, FOLLOW, UNFOLLOW, REBUILD, EXPIRE, REGENERATE }

    /** One step: what happens, to which source, and a number to pick a post or a page size with. */
    record Step(Kind kind, int source, int pick) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return step().list().ofMaxSize(60);
    }

    private static Arbitrary<Step> step() {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just(Kind.POST)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.DELETE)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.FOLLOW)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.UNFOLLOW)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.REBUILD)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.EXPIRE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.REGENERATE)));
        return Combinators.combine(kinds, Arbitraries.integers().between(0, SOURCES - 1),
                Arbitraries.integers().between(0, 1000)).as(Step::new);
    }

    /** The model: each source's posts, and which sources the reader follows (source 0, their own, always). */
    static final class Model {

        final Map<Integer, TreeSet<Long>> posts = new HashMap<>();
        final Set<Integer> followed = new HashSet<>(Set.of(0));
        long nextId = 1;

        TreeSet<Long> of(int source) {
            return posts.computeIfAbsent(source, s -> new TreeSet<>());
        }

        /** The newest {@code count} posts of a source, newest first. */
        List<Long> newest(int source, int count) {
            return of(source).descendingSet().stream().limit(count).toList();
        }

        /** The reference feed below an id: what PostgreSQL answers. */
        List<Long> feed(long before, int count) {
            TreeSet<Long> all = new TreeSet<>(Comparator.reverseOrder());
            followed.forEach(source -> all.addAll(of(source).headSet(before, false)));
            return all.stream().limit(count).toList();
        }
    }

    @Property(tries = 1000)
    void pagingThroughTheTimelineAlwaysGivesTheReferenceFeed(@ForAll("steps") List<Step> steps) {
        long reader = readers.incrementAndGet();
        Model model = new Model();
        for (Step step : steps) {
            apply(step, reader, model);
            List<Long> expected = model.feed(Long.MAX_VALUE, Integer.MAX_VALUE);
            assertThat(pageThrough(reader, model, 1 + step.pick() % (CAP + 3)))
                    .as("after %s in %s", step, steps).containsExactlyElementsOf(expected);
        }
    }

    @Example
    void aMergeIntoATruncatedTimelineKeepsNothingOlderThanItsOldestMember() {
        long reader = readers.incrementAndGet();
        // the reader's own posts 1..19; the timeline kept the newest 10 and lost two since
        timelines.store(reader, List.of(19L, 18L, 17L, 16L, 15L, 14L, 13L, 12L, 11L, 10L), true);
        timelines.remove(List.of(reader), 19L);
        timelines.remove(List.of(reader), 18L);
        // a followed author's only posts, one newer and one older than what the timeline vouches for
        timelines.merge(reader, List.of(20L, 5L), true);
        FeedTimelines.Slice held = timelines.contents(List.of(reader)).get(reader);
        assertThat(held.ids()).as("5 would hide the reader's own 6..9").containsExactly(20L, 17L, 16L, 15L, 14L, 13L, 12L, 11L, 10L);
        assertThat(held.truncated()).isTrue();
    }

    @Example
    void aMergeOfAnAuthorsNewestCapOfPostsVouchesOnlyForThoseAtOrAboveTheOldestOfThem() {
        long reader = readers.incrementAndGet();
        timelines.store(reader, List.of(30L, 3L, 2L), false);
        // the author has more posts than the ten merged: anything below 21 may be missing
        timelines.merge(reader, List.of(40L, 39L, 38L, 37L, 36L, 35L, 34L, 33L, 32L, 21L), false);
        FeedTimelines.Slice held = timelines.contents(List.of(reader)).get(reader);
        assertThat(held.ids()).containsExactly(40L, 39L, 38L, 37L, 36L, 35L, 34L, 33L, 32L, 30L);
        assertThat(held.truncated()).isTrue();
    }

    private static void apply(Step step, long reader, Model model) {
        int source = step.source();
        switch (step.kind()) {
            case POST -> {
                long id = model.nextId++;
                model.of(source).add(id);
                if (model.followed.contains(source)) {
                    timelines.push(List.of(reader), id);
                }
            }
            case DELETE -> {
                List<Long> posts = List.copyOf(model.of(source));
                if (!posts.isEmpty()) {
                    long id = posts.get(step.pick() % posts.size());
                    model.of(source).remove(id);
                    if (model.followed.contains(source)) {
                        timelines.remove(List.of(reader), id);
                    }
                }
            }
            case FOLLOW -> {
                if (model.followed.add(source)) {
                    List<Long> newest = model.newest(source, CAP);
                    timelines.merge(reader, newest, newest.size() < CAP);
                }
            }
            case UNFOLLOW -> {
                if (source != 0 && model.followed.remove(source)) {
                    timelines.repair(List.of(new FeedTimelines.Repair(reader, List.of(), model.newest(source, CAP), null)));
                }
            }
            case REBUILD -> rebuild(reader, model);
            case EXPIRE -> new StringRedisTemplate(connections).delete(FeedTimelines.key(reader));
            case REGENERATE -> {
                FeedTimelines.Slice held = timelines.contents(List.of(reader)).get(reader);
                if (held != null) {
                    FeedTimelines.Repair repair = FeedRegeneration.diff(reader, held.ids(),
                            model.feed(Long.MAX_VALUE, CAP), CAP);
                    timelines.repair(List.of(repair));
                }
            }
        }
    }

    private static List<Long> rebuild(long reader, Model model) {
        List<Long> rebuilt = model.feed(Long.MAX_VALUE, CAP);
        timelines.store(reader, rebuilt, rebuilt.size() >= CAP);
        return rebuilt;
    }

    /** Every page of the feed, the way {@link FeedService} reads each one. */
    private static List<Long> pageThrough(long reader, Model model, int pageSize) {
        List<Long> seen = new ArrayList<>();
        long before = Long.MAX_VALUE;
        while (true) {
            List<Long> page = page(reader, model, before, pageSize);
            seen.addAll(page);
            if (page.size() < pageSize) {
                return seen;
            }
            before = page.get(page.size() - 1);
        }
    }

    private static List<Long> page(long reader, Model model, long before, int wanted) {
        FeedTimelines.@Nullable Slice slice = timelines.page(reader, before, wanted);
        if (slice == null) {
            List<Long> rebuilt = rebuild(reader, model);
            List<Long> below = rebuilt.stream().filter(id -> id < before).limit(wanted).toList();
            return below.size() < wanted && rebuilt.size() >= CAP ? model.feed(before, wanted) : below;
        }
        if (slice.ids().size() < wanted && slice.truncated()) {
            return model.feed(before, wanted);
        }
        return slice.ids();
    }
}
