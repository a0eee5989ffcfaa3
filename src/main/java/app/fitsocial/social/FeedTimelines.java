package app.fitsocial.social;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.connection.zset.DefaultTuple;
import org.springframework.data.redis.connection.zset.Tuple;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;


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
    private static final byte[] PUSH_IF_LIVE = bytes(TRIM + """
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
    private static final byte[] MERGE_IF_LIVE = bytes(TRIM + """
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
    private static final byte[] REPAIR_IF_LIVE = bytes(TRIM + """
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

    private final StringRedisTemplate redis;
    private final FeedSettings settings;
    private final Clock clock;

    FeedTimelines(StringRedisTemplate redis, FeedSettings settings, Clock clock) {
        this.redis = redis;
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
        List<Object> replies = redis.executePipelined((RedisCallback<Object>) connection -> {
            connection.zSetCommands().zRevRangeByScore(key, 1, beforeId - 1, 0, count);
            connection.keyCommands().expire(key, settings.timelineIdleTtl().toSeconds());
            connection.zSetCommands().zScore(key, bytes(SENTINEL));
            connection.zSetCommands().zAdd(READERS, nowSeconds(), bytes(Long.toString(userId)));
            return null;
        });
        if (!Boolean.TRUE.equals(replies.get(1))) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Collection<String> ids = (Collection<String>) replies.get(0);
        Double exactness = (Double) replies.get(2);
        return new Slice(ids.stream().map(Long::valueOf).toList(), exactness == null || exactness < COMPLETE);
    }

    /**
     * Replaces a timeline with the given ids (newest first, at most the cap) in one round trip;
     * {@code truncated} when its sources may have older ids than these.
     */
    void store(long userId, List<Long> ids, boolean truncated) {
        byte[] key = bytes(key(userId));
        Set<Tuple> members = new HashSet<>();
        members.add(new DefaultTuple(bytes(SENTINEL), (double) (truncated ? TRUNCATED : COMPLETE)));
        ids.stream().limit(settings.timelineSize())
                .forEach(id -> members.add(new DefaultTuple(bytes(Long.toString(id)), id.doubleValue())));
        redis.executePipelined((RedisCallback<Object>) connection -> {
            connection.keyCommands().del(key);
            connection.zSetCommands().zAdd(key, members);
            connection.keyCommands().expire(key, settings.timelineIdleTtl().toSeconds());
            return null;
        });
    }

    /** Pushes an activity into the live timelines of the given users (pipelined); absent timelines are left absent. */
    void push(Collection<Long> userIds, long activityId) {
        byte[] id = bytes(Long.toString(activityId));
        byte[] cap = bytes(Integer.toString(settings.timelineSize()));
        redis.executePipelined((RedisCallback<Object>) connection -> {
            for (long userId : userIds) {
                connection.scriptingCommands().eval(PUSH_IF_LIVE, ReturnType.INTEGER, 1, bytes(key(userId)), cap, id);
            }
            return null;
        });
    }

    /**
     * Merges the newest ids of a source the user now follows (newest first) into their timeline,
     * if it exists; {@code complete} when these are all of the source's ids.
     */
    void merge(long userId, List<Long> ids, boolean complete) {
        List<byte[]> args = new ArrayList<>();
        args.add(bytes(key(userId)));
        args.add(bytes(Integer.toString(settings.timelineSize())));
        args.add(bytes(complete || ids.isEmpty() ? "0" : Long.toString(ids.get(ids.size() - 1))));
        ids.forEach(id -> args.add(bytes(Long.toString(id))));
        redis.execute((RedisCallback<Object>) connection -> connection.scriptingCommands()
                .eval(MERGE_IF_LIVE, ReturnType.INTEGER, 1, args.toArray(byte[][]::new)));
    }

    /** Removes an activity from the live timelines of the given users (pipelined). */
    void remove(Collection<Long> userIds, long activityId) {
        byte[] id = bytes(Long.toString(activityId));
        redis.executePipelined((RedisCallback<Object>) connection -> {
            for (long userId : userIds) {
                connection.zSetCommands().zRem(bytes(key(userId)), id);
            }
            return null;
        });
    }

    /** Readers who read their feed since the given time, most recent first, at most {@code limit}. */
    List<Long> readersSince(Instant since, int limit) {
        Set<String> ids = redis.opsForZSet().reverseRangeByScore(new String(READERS, StandardCharsets.UTF_8),
                since.getEpochSecond(), Double.POSITIVE_INFINITY, 0, limit);
        return ids == null ? List.of() : ids.stream().map(Long::valueOf).toList();
    }

    /** Readers who have not read their feed since the given time, longest idle first, at most {@code limit}. */
    List<Long> readersIdleSince(Instant before, int limit) {
        Set<String> ids = redis.opsForZSet().rangeByScore(new String(READERS, StandardCharsets.UTF_8),
                Double.NEGATIVE_INFINITY, before.getEpochSecond() - 1, 0, limit);
        return ids == null ? List.of() : ids.stream().map(Long::valueOf).toList();
    }

    /** Drops the timelines of idle readers and forgets the readers, in one round trip. */
    void forget(Collection<Long> readers) {
        redis.executePipelined((RedisCallback<Object>) connection -> {
            for (long userId : readers) {
                connection.keyCommands().del(bytes(key(userId)));
                connection.zSetCommands().zRem(READERS, bytes(Long.toString(userId)));
            }
            return null;
        });
    }

    /**
     * Each given user's timeline ({@link Slice}: ids newest first without the sentinel, and
     * whether it is truncated) in one round trip; users without a timeline are absent from the answer.
     */
    Map<Long, Slice> contents(List<Long> userIds) {
        List<Object> replies = redis.executePipelined((RedisCallback<Object>) connection -> {
            for (long userId : userIds) {
                byte[] key = bytes(key(userId));
                connection.zSetCommands().zScore(key, bytes(SENTINEL));
                connection.zSetCommands().zRevRangeByScore(key, 1, Double.POSITIVE_INFINITY);
            }
            return null;
        });
        Map<Long, Slice> contents = new LinkedHashMap<>();
        for (int i = 0; i < userIds.size(); i++) {
            Double exactness = (Double) replies.get(2 * i);
            if (exactness != null) {
                @SuppressWarnings("unchecked")
                Collection<String> ids = (Collection<String>) replies.get(2 * i + 1);
                contents.put(userIds.get(i), new Slice(ids.stream().map(Long::valueOf).toList(), exactness < COMPLETE));
            }
        }
        return contents;
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
        redis.executePipelined((RedisCallback<Object>) connection -> {
            for (Repair repair : repairs) {
                List<byte[]> args = new ArrayList<>();
                args.add(bytes(key(repair.userId())));
                args.add(cap);
                args.add(bytes(repair.exactFrom() == null ? "" : Long.toString(repair.exactFrom())));
                args.add(bytes(Integer.toString(repair.add().size())));
                repair.add().forEach(id -> args.add(bytes(Long.toString(id))));
                repair.remove().forEach(id -> args.add(bytes(Long.toString(id))));
                connection.scriptingCommands().eval(REPAIR_IF_LIVE, ReturnType.INTEGER, 1, args.toArray(byte[][]::new));
            }
            return null;
        });
    }

    private double nowSeconds() {
        return clock.instant().getEpochSecond();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
