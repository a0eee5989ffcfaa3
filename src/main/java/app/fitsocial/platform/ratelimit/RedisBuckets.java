package app.fitsocial.platform.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.ScriptOutputType;

import app.fitsocial.platform.redis.LuaScript;
import app.fitsocial.platform.redis.SharedRedis;

import static app.fitsocial.platform.redis.SharedRedis.bytes;

/**
 * Rate-limit buckets in Redis, refilled by interval as Bucket4j's {@code refillIntervally} does:
 * a bucket holds {@code capacity} tokens for a window of {@code period} that starts with its
 * owner's first request; when the window ends the quota comes back whole and a new one starts.
 * Each bucket is one key, {@code <tokens left>:<window end>} (microseconds of Redis's own clock),
 * that expires when its window ends, so an idle bucket costs nothing.
 *
 * <p>One script takes a token from every bucket of a request at once, atomically and all or
 * nothing (a request refused by one rule takes no token from the others), on Redis's clock, so
 * every instance sees the same buckets. The buckets of one owner share a hash slot
 * ({@code fitsocial:v2:rate:{owner}:rule:capacity}), so on a Redis Cluster a request whose rules
 * all key by the same owner is one script call; the calls of one request are sent together: one
 * round trip.
 */
class RedisBuckets {

    static final String PREFIX = "fitsocial:v2:rate:";

    /**
     * KEYS: the buckets. ARGV: per bucket its capacity and its period (microseconds). Answers per
     * bucket: allowed (1/0), tokens left, microseconds until the window ends (the quota is whole
     * again; for a refused request, until it may retry).
     */
    private static final LuaScript TAKE = LuaScript.of("""
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
            local tokens, ends, allowed = {}, {}, true
            for i, key in ipairs(KEYS) do
              local capacity = tonumber(ARGV[2 * i - 1])
              local stored = redis.call('GET', key)
              local left, windowEnd = capacity, now + tonumber(ARGV[2 * i])
              if stored then
                local colon = string.find(stored, ':', 1, true)
                local storedEnd = tonumber(string.sub(stored, colon + 1))
                if storedEnd > now then
                  left = tonumber(string.sub(stored, 1, colon - 1))
                  windowEnd = storedEnd
                end
              end
              tokens[i], ends[i] = left, windowEnd
              if left < 1 then allowed = false end
            end
            local results = {}
            for i, key in ipairs(KEYS) do
              local left = tokens[i]
              if allowed then
                left = left - 1
                redis.call('SET', key, string.format('%d:%d', left, ends[i]), 'PX', math.max(1, math.ceil((ends[i] - now) / 1000)))
              end
              results[i] = {tokens[i] >= 1 and 1 or 0, left, ends[i] - now}
            end
            return results""");

    /** Gives one token back to each bucket whose window is still open (a 304, a successful login). ARGV: the capacities. */
    private static final LuaScript GIVE_BACK = LuaScript.of("""
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
            for i, key in ipairs(KEYS) do
              local stored = redis.call('GET', key)
              if stored then
                local colon = string.find(stored, ':', 1, true)
                local windowEnd = tonumber(string.sub(stored, colon + 1))
                local left = math.min(tonumber(ARGV[i]), tonumber(string.sub(stored, 1, colon - 1)) + 1)
                if windowEnd > now then
                  redis.call('SET', key, string.format('%d:%d', left, windowEnd), 'PX', math.max(1, math.ceil((windowEnd - now) / 1000)))
                end
              end
            end
            return 1""");

    private final SharedRedis redis;
    private final Duration timeout;

    RedisBuckets(SharedRedis redis, Duration timeout) {
        this.redis = redis;
        this.timeout = timeout;
    }

    /** One bucket: its owner (the hash slot), the rule's name, capacity and period. */
    record Bucket(String owner, String rule, long capacity, Duration period) {

        String key() {
            return PREFIX + "{" + owner + "}:" + rule + ":" + capacity;
        }

        long periodMicros() {
            return period.toNanos() / 1000;
        }
    }

    /**
     * What one bucket said: whether it allowed the request (refused: no bucket was touched),
     * tokens left, and microseconds until its window ends.
     */
    record Taken(boolean allowed, long remaining, long microsToWindowEnd) {
    }

    /** Takes a token from every bucket, all or nothing; throws when Redis does not answer in time. */
    List<Taken> take(List<Bucket> buckets) {
        Map<String, List<Integer>> byOwner = new LinkedHashMap<>();
        for (int i = 0; i < buckets.size(); i++) {
            byOwner.computeIfAbsent(buckets.get(i).owner(), owner -> new ArrayList<>()).add(i);
        }
        List<CompletableFuture<List<Object>>> sent = redis.run(commands -> {
            List<CompletableFuture<List<Object>>> calls = new ArrayList<>(byOwner.size());
            for (List<Integer> group : byOwner.values()) {
                byte[][] keys = new byte[group.size()][];
                byte[][] args = new byte[group.size() * 2][];
                for (int j = 0; j < group.size(); j++) {
                    Bucket bucket = buckets.get(group.get(j));
                    keys[j] = bytes(bucket.key());
                    args[2 * j] = bytes(Long.toString(bucket.capacity()));
                    args[2 * j + 1] = bytes(Long.toString(bucket.periodMicros()));
                }
                calls.add(TAKE.run(commands, ScriptOutputType.MULTI, keys, args));
            }
            return calls;
        });
        Taken[] taken = new Taken[buckets.size()];
        List<Bucket> tookFrom = new ArrayList<>();
        boolean refused = false;
        int call = 0;
        for (List<Integer> group : byOwner.values()) {
            List<Object> answer = SharedRedis.await(sent.get(call++), timeout);
            boolean groupTook = true;
            for (int j = 0; j < group.size(); j++) {
                @SuppressWarnings("unchecked")
                List<Long> values = (List<Long>) answer.get(j);
                taken[group.get(j)] = new Taken(values.get(0) == 1L, values.get(1), values.get(2));
                groupTook &= values.get(0) == 1L;
            }
            if (groupTook) {
                group.forEach(i -> tookFrom.add(buckets.get(i)));
            }
            refused |= !groupTook;
        }
        if (refused && !tookFrom.isEmpty()) {
            // the buckets of different owners live in different hash slots, each taken by a script
            // call of its own: when one owner's refused, give back what the others' took
            giveBack(tookFrom);
        }
        return List.of(taken);
    }

    /** Gives a token back to each bucket, without waiting for Redis. */
    void giveBack(List<Bucket> buckets) {
        Map<String, List<Bucket>> byOwner = new LinkedHashMap<>();
        buckets.forEach(bucket -> byOwner.computeIfAbsent(bucket.owner(), owner -> new ArrayList<>()).add(bucket));
        redis.run(commands -> {
            for (List<Bucket> group : byOwner.values()) {
                GIVE_BACK.run(commands, ScriptOutputType.INTEGER, group.stream().map(b -> bytes(b.key())).toArray(byte[][]::new),
                        group.stream().map(b -> bytes(Long.toString(b.capacity()))).toArray(byte[][]::new));
            }
            return null;
        });
    }
}
