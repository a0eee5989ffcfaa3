package app.fitsocial.social;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import app.fitsocial.platform.redis.LuaScript;
import app.fitsocial.platform.redis.SharedRedis;

import static app.fitsocial.platform.redis.SharedRedis.bytes;

/**
 * Precomputed home timelines in Redis: one sorted set per user of activity ids (score = id, so
 * newest first is highest score), capped at {@link FeedSettings#timelineSize()}.
 * <p>
 * A sentinel member {@code 0} marks a timeline that exists, so "missing" always means "rebuild",
 * never "empty", and its score says how far down the timeline is exact: {@value #COMPLETE} when
 * it holds every id of its sources, {@value #TRUNCATED} when ids older than its oldest member may
 * be missing (the cap trimmed them, or a merge could only vouch for newer ones). A page that
 * reaches below the oldest member of a truncated timeline is read from PostgreSQL. Both scores
 * are below every id, so the sentinel stays rank 0 and out of every page's range.
 * <p>
 * Every read also records the reader in one sorted set of readers by last read time, which
 * tells the regeneration job whose timelines to repair and whose to drop.
 * <p>
 * Commands go over the service's shared Redis connection, several sent before waiting for any,
 * so each method costs one round trip and opens no connection of its own.
 */
@Component
class FeedTimelines {

    static final String SENTINEL = "0";
    static final int COMPLETE = 0;
    static final int TRUNCATED = -1;

    /**
     * Helpers of the scripts: whether a timeline is truncated; trimming it to the cap (sentinel
     * kept) and marking it truncated when that removed anything.
     */
    private static final String TRIM = """
            local function truncated(key)
              local score = redis.call('ZSCORE', key, '0')
              return score and tonumber(score) < 0
            end
            local function trim(key, cap)
              local excess = redis.call('ZCARD', key) - tonumber(cap) - 1
              if excess > 0 then
                redis.call('ZREMRANGEBYRANK', key, 1, excess)
                redis.call('ZADD', key, -1, '0')
              end
            end
            """;

    /** Adds an id only to a timeline that exists, then trims it. ARGV: cap, id. */
    private static final LuaScript PUSH_IF_LIVE = LuaScript.of(TRIM + """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[2])
            trim(KEYS[1], ARGV[1])
            return 1""");

    /**
     * Merges the newest ids of a new source into a timeline that exists. ARGV: cap, the floor of
     * the ids (0 when they are all the source has, else the oldest of them), the ids. Each side is
     * exact only down to its floor (a truncated timeline's is its oldest member), so the result
     * keeps only ids at or above the higher floor; a truncated timeline left with no id is dropped.
     */
    private static final LuaScript MERGE_IF_LIVE = LuaScript.of(TRIM + """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            local floor = tonumber(ARGV[2])
            if truncated(KEYS[1]) then
              local oldest = redis.call('ZRANGEBYSCORE', KEYS[1], 1, '+inf', 'LIMIT', 0, 1)
              if #oldest == 0 then redis.call('DEL', KEYS[1]) return 0 end
              floor = math.max(floor, tonumber(oldest[1]))
            end
            for i = 3, #ARGV do
              if tonumber(ARGV[i]) >= floor then redis.call('ZADD', KEYS[1], ARGV[i], ARGV[i]) end
            end
            if floor > 0 then
              redis.call('ZREMRANGEBYSCORE', KEYS[1], 1, '(' .. floor)
              redis.call('ZADD', KEYS[1], -1, '0')
            end
            trim(KEYS[1], ARGV[1])
            return 1""");

    /**
     * Adds and removes ids in a timeline that exists, then trims it. ARGV: cap, the floor ("" to
     * keep how far the timeline is exact, 0 for "now complete", else the id from which it is now
     * exact: older ids are removed), the number of ids to add, the ids to add, the ids to remove.
     * A truncated timeline left with no id is dropped.
     */
    private static final LuaScript REPAIR_IF_LIVE = LuaScript.of(TRIM + """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            local adds = tonumber(ARGV[3])
            for i = 4, 3 + adds do redis.call('ZADD', KEYS[1], ARGV[i], ARGV[i]) end
            for i = 4 + adds, #ARGV do redis.call('ZREM', KEYS[1], ARGV[i]) end
            if ARGV[2] == '0' then
              redis.call('ZADD', KEYS[1], 0, '0')
            elseif ARGV[2] ~= '' then
              redis.call('ZREMRANGEBYSCORE', KEYS[1], 1, '(' .. ARGV[2])
              redis.call('ZADD', KEYS[1], -1, '0')
            end
            trim(KEYS[1], ARGV[1])
            if redis.call('ZCARD', KEYS[1]) == 1 and truncated(KEYS[1]) then
              redis.call('DEL', KEYS[1])
            end
            return 1""");

    private static final byte[] READERS = bytes("fitsocial:v2:feed-readers");
    private static final byte[] SENTINEL_MEMBER = bytes(SENTINEL);

    private final SharedRedis redis;
    private final FeedSettings settings;
    private final Clock clock;

    FeedTimelines(StringRedisTemplate redis, FeedSettings settings, Clock clock) {
        this.redis = new SharedRedis(redis);
        this.settings = settings;
        this.clock = clock;
    }

    static String key(long userId) {
        return "fitsocial:v2:feed:" + userId;
    }

    /** Part of a timeline: ids newest first, and whether the timeline is truncated (older ids may be missing). */
    record Slice(List<Long> ids, boolean truncated) {
    }

    /**
     * Up to {@code count} ids below {@code beforeId}, newest first, in one round trip that also renews
     * the timeline's idle expiry; null when the user has no timeline (EXPIRE on a missing key says so).
     */
    @Nullable Slice page(long userId, long beforeId, int count) {
        byte[] key = bytes(key(userId));
        return redis.run(commands -> {
            var range = commands.zrevrangebyscore(key, Range.create(1, beforeId - 1), Limit.create(0, count));
            var live = commands.expire(key, settings.timelineIdleTtl().toSeconds());
            var exactness = commands.zscore(key, SENTINEL_MEMBER);
            commands.zadd(READERS, nowSeconds(), bytes(Long.toString(userId)));
            if (!Boolean.TRUE.equals(await(live))) {
                return null;
            }
            Double score = await(exactness);
            return new Slice(ids(await(range)), score == null || score < COMPLETE);
        });
    }

    /**
     * Replaces a timeline with the given ids (newest first, at most the cap) in one round trip;
     * {@code truncated} when its sources may have older ids than these.
     */
    void store(long userId, List<Long> ids, boolean truncated) {
        byte[] key = bytes(key(userId));
        List<ScoredValue<byte[]>> members = new ArrayList<>();
        members.add(ScoredValue.just(truncated ? TRUNCATED : COMPLETE, SENTINEL_MEMBER));
        ids.stream().limit(settings.timelineSize()).forEach(id -> members.add(ScoredValue.just(id, bytes(Long.toString(id)))));
        redis.run(commands -> {
            commands.del(key);
            commands.zadd(key, members.toArray(ScoredValue[]::new));
            return await(commands.expire(key, settings.timelineIdleTtl().toSeconds()));
        });
    }

    /**
     * Pushes an activity into the live timelines of the given users; absent timelines are left
     * absent. Only readers who read their feed within the timelines' idle time (and a day) can
     * have one, so the others are left out by one look at the readers' set before any script
     * runs: an author's followers are mostly not reading right now. Two round trips.
     */
    void push(Collection<Long> userIds, long activityId) {
        byte[] id = bytes(Long.toString(activityId));
        byte[] cap = bytes(Integer.toString(settings.timelineSize()));
        runEach(recentReaders(userIds), (commands, userId) -> PUSH_IF_LIVE.run(commands, ScriptOutputType.INTEGER,
                new byte[][] { bytes(key(userId)) }, cap, id));
    }

    /** Those of the users who read their feed recently enough to have a timeline (one ZMSCORE). */
    private List<Long> recentReaders(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        List<Long> users = List.copyOf(userIds);
        double since = nowSeconds() - settings.timelineIdleTtl().plusDays(1).toSeconds();
        List<Double> lastRead = redis.run(commands -> await(commands.zmscore(READERS,
                users.stream().map(user -> bytes(Long.toString(user))).toArray(byte[][]::new))));
        List<Long> readers = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            Double read = lastRead.get(i);
            if (read != null && read >= since) {
                readers.add(users.get(i));
            }
        }
        return readers;
    }

    /**
     * Merges the newest ids of a source the user now follows (newest first) into their timeline,
     * if it exists; {@code complete} when these are all of the source's ids.
     */
    void merge(long userId, List<Long> ids, boolean complete) {
        List<byte[]> args = new ArrayList<>();
        args.add(bytes(Integer.toString(settings.timelineSize())));
        args.add(bytes(complete || ids.isEmpty() ? "0" : Long.toString(ids.get(ids.size() - 1))));
        ids.forEach(id -> args.add(bytes(Long.toString(id))));
        runEach(List.of(userId), (commands, user) -> MERGE_IF_LIVE.run(commands, ScriptOutputType.INTEGER,
                new byte[][] { bytes(key(user)) }, args.toArray(byte[][]::new)));
    }

    /** Removes an activity from the live timelines of the given users (pipelined). */
    void remove(Collection<Long> userIds, long activityId) {
        byte[] id = bytes(Long.toString(activityId));
        runEach(userIds, (commands, userId) -> commands.zrem(bytes(key(userId)), id));
    }

    /** Readers who read their feed since the given time, most recent first, at most {@code limit}. */
    List<Long> readersSince(Instant since, int limit) {
        return redis.run(commands -> ids(await(commands.zrevrangebyscore(READERS,
                Range.create(since.getEpochSecond(), Double.POSITIVE_INFINITY), Limit.create(0, limit)))));
    }

    /** Readers who have not read their feed since the given time, longest idle first, at most {@code limit}. */
    List<Long> readersIdleSince(Instant before, int limit) {
        return redis.run(commands -> ids(await(commands.zrangebyscore(READERS,
                Range.create(Double.NEGATIVE_INFINITY, before.getEpochSecond() - 1), Limit.create(0, limit)))));
    }

    /** Drops the timelines of idle readers and forgets the readers, in one round trip. */
    void forget(Collection<Long> readers) {
        runEach(readers, (commands, userId) -> {
            commands.del(bytes(key(userId)));
            return commands.zrem(READERS, bytes(Long.toString(userId)));
        });
    }

    /**
     * Each given user's timeline ({@link Slice}: ids newest first without the sentinel, and
     * whether it is truncated) in one round trip; users without a timeline are absent from the answer.
     */
    Map<Long, Slice> contents(List<Long> userIds) {
        return redis.run(commands -> {
            List<CompletionStage<Double>> scores = new ArrayList<>();
            List<CompletionStage<List<byte[]>>> members = new ArrayList<>();
            for (long userId : userIds) {
                byte[] key = bytes(key(userId));
                scores.add(commands.zscore(key, SENTINEL_MEMBER));
                members.add(commands.zrevrangebyscore(key, Range.create(1, Double.POSITIVE_INFINITY)));
            }
            Map<Long, Slice> contents = new LinkedHashMap<>();
            for (int i = 0; i < userIds.size(); i++) {
                Double exactness = await(scores.get(i));
                List<byte[]> ids = await(members.get(i));
                if (exactness != null) {
                    contents.put(userIds.get(i), new Slice(ids(ids), exactness < COMPLETE));
                }
            }
            return contents;
        });
    }

    /**
     * A correction of one user's timeline: ids to add and to remove, and from which id it is then
     * exact ({@code null} to leave that as it is, 0 for "complete"; older ids are removed).
     */
    record Repair(long userId, Collection<Long> add, Collection<Long> remove, @Nullable Long exactFrom) {
    }

    /** Applies corrections to timelines that still exist (an expired one is left to be rebuilt), pipelined. */
    void repair(Collection<Repair> repairs) {
        byte[] cap = bytes(Integer.toString(settings.timelineSize()));
        runEach(repairs, (commands, repair) -> {
            List<byte[]> args = new ArrayList<>();
            args.add(cap);
            args.add(bytes(repair.exactFrom() == null ? "" : Long.toString(repair.exactFrom())));
            args.add(bytes(Integer.toString(repair.add().size())));
            repair.add().forEach(id -> args.add(bytes(Long.toString(id))));
            repair.remove().forEach(id -> args.add(bytes(Long.toString(id))));
            return REPAIR_IF_LIVE.run(commands, ScriptOutputType.INTEGER, new byte[][] { bytes(key(repair.userId())) },
                    args.toArray(byte[][]::new));
        });
    }

    /** Sends one command (or script) per item without waiting, then waits for all: one round trip. */
    private <T> void runEach(Collection<T> items, BiFunction<RedisClusterAsyncCommands<byte[], byte[]>, T, CompletionStage<?>> send) {
        if (items.isEmpty()) {
            return;
        }
        redis.run(commands -> {
            List<CompletionStage<?>> sent = new ArrayList<>(items.size());
            items.forEach(item -> sent.add(send.apply(commands, item)));
            sent.forEach(this::await);
            return null;
        });
    }

    private <T> T await(CompletionStage<T> reply) {
        return SharedRedis.await(reply, settings.redisTimeout());
    }

    private static List<Long> ids(@Nullable List<byte[]> members) {
        if (members == null) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>(members.size());
        members.forEach(member -> ids.add(Long.parseLong(new String(member, StandardCharsets.US_ASCII))));
        return ids;
    }

    private double nowSeconds() {
        return clock.instant().getEpochSecond();
    }
}
