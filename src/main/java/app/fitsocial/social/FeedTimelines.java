package app.fitsocial.social;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.connection.zset.DefaultTuple;
import org.springframework.data.redis.connection.zset.Tuple;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import app.fitsocial.platform.changes.ReadDependencies;

/**
 * Precomputed home timelines in Redis: one sorted set per user of activity ids (score = id, so
 * newest first is highest score), capped at {@link FeedSettings#timelineSize()}. A sentinel
 * member {@code 0} (score 0) marks a timeline that exists but is empty, so "missing" always
 * means "rebuild", never "empty".
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

    private final StringRedisTemplate redis;
    private final FeedSettings settings;

    FeedTimelines(StringRedisTemplate redis, FeedSettings settings) {
        this.redis = redis;
        this.settings = settings;
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
        // a timeline is data too: the request's data versions must be read before it
        ReadDependencies.beforeRead();
        byte[] key = bytes(key(userId));
        List<Object> replies = redis.executePipelined((RedisCallback<Object>) connection -> {
            connection.zSetCommands().zRevRangeByScore(key, 1, beforeId - 1, 0, count);
            connection.keyCommands().expire(key, settings.timelineIdleTtl().toSeconds());
            connection.zSetCommands().zCard(key);
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

    /**
     * What identifies the timeline's current content: its newest id and its size ({@code null}
     * when the user has no timeline). A push changes the newest id, a removal the size.
     */
    @Nullable String head(long userId) {
        ReadDependencies.beforeRead();
        byte[] key = bytes(key(userId));
        List<Object> replies = redis.executePipelined((RedisCallback<Object>) connection -> {
            connection.zSetCommands().zRevRange(key, 0, 0);
            connection.zSetCommands().zCard(key);
            return null;
        });
        @SuppressWarnings("unchecked")
        Collection<String> newest = (Collection<String>) replies.get(0);
        long size = ((Number) replies.get(1)).longValue();
        return size == 0 || newest.isEmpty() ? null : newest.iterator().next() + "." + size;
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

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
