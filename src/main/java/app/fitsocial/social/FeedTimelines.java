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
 * newest first is highest score), capped at {@link FeedSettings#timelineSize()}. A sentinel
 * member {@code 0} (score 0) marks a timeline that exists but is empty, so "missing" always
 * means "rebuild", never "empty". Every read also records the reader in one sorted set of
 * readers by last read time, which tells the regeneration job whose timelines to repair and
 * whose to drop.
 */
@Component
class FeedTimelines {

    static final String SENTINEL = "0";

    /** Adds an id only to a timeline that exists, then trims it to the cap (sentinel kept). */
    private static final byte[] PUSH_IF_LIVE = """
            if redis.call('EXISTS', KEYS[1]) == 1 then
              redis.call('ZADD', KEYS[1], ARGV[1], ARGV[1])
              local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[2]) - 1
              if excess > 0 then redis.call('ZREMRANGEBYRANK', KEYS[1], 1, excess) end
              return 1
            end
            return 0""".getBytes(StandardCharsets.UTF_8);

    /**
     * Adds and removes ids in a timeline that exists, then trims it to the cap (sentinel kept).
     * ARGV: cap, number of ids to add, the ids to add, the ids to remove.
     */
    private static final byte[] REPAIR_IF_LIVE = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            local adds = tonumber(ARGV[2])
            for i = 3, 2 + adds do redis.call('ZADD', KEYS[1], ARGV[i], ARGV[i]) end
            for i = 3 + adds, #ARGV do redis.call('ZREM', KEYS[1], ARGV[i]) end
            local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[1]) - 1
            if excess > 0 then redis.call('ZREMRANGEBYRANK', KEYS[1], 1, excess) end
            return 1""".getBytes(StandardCharsets.UTF_8);

    private static final byte[] READERS = bytes("fitsocial:v1:feed-readers");

    private final StringRedisTemplate redis;
    private final FeedSettings settings;
    private final Clock clock;

    FeedTimelines(StringRedisTemplate redis, FeedSettings settings, Clock clock) {
        this.redis = redis;
        this.settings = settings;
        this.clock = clock;
    }

    static String key(long userId) {
        return "fitsocial:v1:feed:" + userId;
    }

    /** Part of a timeline: ids newest first, and whether the timeline holds its full cap (older ids may be trimmed). */
    record Slice(List<Long> ids, boolean full) {
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
            connection.zSetCommands().zCard(key);
            connection.zSetCommands().zAdd(READERS, nowSeconds(), bytes(Long.toString(userId)));
            return null;
        });
        if (!Boolean.TRUE.equals(replies.get(1))) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Collection<String> ids = (Collection<String>) replies.get(0);
        long size = ((Number) replies.get(2)).longValue();
        return new Slice(ids.stream().map(Long::valueOf).toList(), size > settings.timelineSize());
    }

    /** Replaces a timeline with the given ids (newest first, at most the cap) in one round trip. */
    void store(long userId, List<Long> ids) {
        byte[] key = bytes(key(userId));
        Set<Tuple> members = new HashSet<>();
        members.add(new DefaultTuple(bytes(SENTINEL), 0d));
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
                connection.scriptingCommands().eval(PUSH_IF_LIVE, ReturnType.INTEGER, 1, bytes(key(userId)), id, cap);
            }
            return null;
        });
    }

    void remove(Collection<Long> userIds, long activityId) {
        byte[] id = bytes(Long.toString(activityId));
        redis.executePipelined((RedisCallback<Object>) connection -> {
            for (long userId : userIds) {
                connection.zSetCommands().zRem(bytes(key(userId)), id);
            }
            return null;
        });
    }

    /** Drops a timeline; the next read rebuilds it from PostgreSQL. */
    void drop(long userId) {
        redis.delete(key(userId));
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
     * The ids of each given user's timeline, newest first, without the sentinel, in one round
     * trip; users without a timeline are absent from the answer.
     */
    Map<Long, List<Long>> contents(List<Long> userIds) {
        List<Object> replies = redis.executePipelined((RedisCallback<Object>) connection -> {
            for (long userId : userIds) {
                byte[] key = bytes(key(userId));
                connection.keyCommands().exists(key);
                connection.zSetCommands().zRevRangeByScore(key, 1, Double.POSITIVE_INFINITY);
            }
            return null;
        });
        Map<Long, List<Long>> contents = new LinkedHashMap<>();
        for (int i = 0; i < userIds.size(); i++) {
            if (Boolean.TRUE.equals(replies.get(2 * i))) {
                @SuppressWarnings("unchecked")
                Collection<String> ids = (Collection<String>) replies.get(2 * i + 1);
                contents.put(userIds.get(i), ids.stream().map(Long::valueOf).toList());
            }
        }
        return contents;
    }

    /** A correction of one user's timeline. */
    record Repair(long userId, Collection<Long> add, Collection<Long> remove) {
    }

    /** Applies corrections to timelines that still exist (an expired one is left to be rebuilt), pipelined. */
    void repair(Collection<Repair> repairs) {
        byte[] cap = bytes(Integer.toString(settings.timelineSize()));
        redis.executePipelined((RedisCallback<Object>) connection -> {
            for (Repair repair : repairs) {
                List<byte[]> args = new ArrayList<>();
                args.add(bytes(key(repair.userId())));
                args.add(cap);
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
