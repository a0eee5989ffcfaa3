package app.fitsocial.social;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations;
import org.springframework.stereotype.Component;

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

    /** A page of a timeline: ids below {@code beforeId}, newest first; null when the timeline does not exist. */
    List<Long> page(long userId, long beforeId, int count) {
        String key = key(userId);
        Set<String> ids = redis.opsForZSet().reverseRangeByScore(key, 1, beforeId - 1, 0, count);
        if (ids == null || ids.isEmpty()) {
            Boolean exists = redis.hasKey(key);
            if (!Boolean.TRUE.equals(exists)) {
                return null;
            }
        }
        redis.expire(key, settings.timelineIdleTtl());
        return ids == null ? List.of() : ids.stream().map(Long::valueOf).toList();
    }

    /** True when the timeline holds its full cap, so older entries may have been trimmed away. */
    boolean isFull(long userId) {
        Long size = redis.opsForZSet().zCard(key(userId));
        return size != null && size > settings.timelineSize();
    }

    /** Replaces a timeline with the given ids (newest first) in one round trip. */
    void store(long userId, List<Long> ids) {
        String key = key(userId);
        Set<ZSetOperations.TypedTuple<String>> members = new java.util.HashSet<>();
        members.add(ZSetOperations.TypedTuple.of(SENTINEL, 0d));
        ids.stream().limit(settings.timelineSize())
                .forEach(id -> members.add(ZSetOperations.TypedTuple.of(Long.toString(id), id.doubleValue())));
        byte[] rawKey = key.getBytes(StandardCharsets.UTF_8);
        redis.executePipelined((RedisCallback<Object>) connection -> {
            connection.keyCommands().del(rawKey);
            for (var member : members) {
                connection.zSetCommands().zAdd(rawKey, member.getScore(), member.getValue().getBytes(StandardCharsets.UTF_8));
            }
            connection.keyCommands().expire(rawKey, settings.timelineIdleTtl().toSeconds());
            return null;
        });
    }

    /** Pushes an activity into the live timelines of the given users (pipelined); absent timelines are left absent. */
    void push(Collection<Long> userIds, long activityId) {
        byte[] id = Long.toString(activityId).getBytes(StandardCharsets.UTF_8);
        byte[] cap = Integer.toString(settings.timelineSize()).getBytes(StandardCharsets.UTF_8);
        redis.executePipelined((RedisCallback<Object>) connection -> {
            for (long userId : userIds) {
                evalPush(connection, key(userId).getBytes(StandardCharsets.UTF_8), id, cap);
            }
            return null;
        });
    }

    void remove(Collection<Long> userIds, long activityId) {
        byte[] id = Long.toString(activityId).getBytes(StandardCharsets.UTF_8);
        redis.executePipelined((RedisCallback<Object>) connection -> {
            for (long userId : userIds) {
                connection.zSetCommands().zRem(key(userId).getBytes(StandardCharsets.UTF_8), id);
            }
            return null;
        });
    }

    /** Drops a timeline; the next read rebuilds it from PostgreSQL. */
    void drop(long userId) {
        redis.delete(key(userId));
    }

    private static void evalPush(RedisConnection connection, byte[] key, byte[] id, byte[] cap) {
        connection.scriptingCommands().eval(PUSH_IF_LIVE, ReturnType.INTEGER, 1, key, id, cap);
    }
}
