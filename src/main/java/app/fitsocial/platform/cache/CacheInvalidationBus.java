package app.fitsocial.platform.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Tells every instance to drop L1 entries another instance invalidated, over one Redis pub/sub
 * channel. Each instance also publishes a heartbeat there: while it does not hear its own beats
 * (disconnected, subscription lost) it cannot know what it missed, so it clears its L1 and
 * serves from Redis until the beats return.
 */
class CacheInvalidationBus implements MessageListener, AutoCloseable {

    static final String CHANNEL = "fitsocial:v1:cache-invalidations";
    private static final char SEPARATOR = '\u0000';

    private final RedisCacheStore store;
    private final NearCache near;
    private final long silenceLimitNanos;
    private final String instance = UUID.randomUUID().toString();
    private final ScheduledExecutorService beats;
    private volatile long lastHeard;

    CacheInvalidationBus(RedisCacheStore store, NearCache near, RedisMessageListenerContainer container,
            Duration heartbeat, boolean enabled) {
        this.store = store;
        this.near = near;
        this.silenceLimitNanos = heartbeat.toNanos() * 3;
        this.lastHeard = System.nanoTime() - silenceLimitNanos - 1;
        this.beats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cache-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        if (enabled) {
            // with caching off nothing is subscribed or sent: no Redis traffic at all
            container.addMessageListener(this, new ChannelTopic(CHANNEL));
            beats.scheduleWithFixedDelay(() -> store.publish(CHANNEL, "h" + SEPARATOR + instance),
                    0, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Whether L1 may be used: invalidations are known to arrive. */
    boolean nearCacheUsable() {
        return System.nanoTime() - lastHeard <= silenceLimitNanos;
    }

    void keysInvalidated(String cache, java.util.List<String> keys) {
        keys.forEach(key -> near.evict(cache, key));
        store.publish(CHANNEL, "m" + SEPARATOR + cache + SEPARATOR + String.join(String.valueOf(SEPARATOR), keys));
    }

    void namespaceInvalidated(String cache, String namespace) {
        near.evictNamespace(cache, namespace);
        store.publish(CHANNEL, "n" + SEPARATOR + cache + SEPARATOR + namespace);
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        long now = System.nanoTime();
        if (now - lastHeard > silenceLimitNanos) {
            // back after a silence: whatever was invalidated meanwhile is unknown
            near.clear();
        }
        lastHeard = now;
        String[] parts = new String(message.getBody(), StandardCharsets.UTF_8).split(String.valueOf(SEPARATOR), 3);
        if (parts.length == 3 && parts[0].equals("m")) {
            for (String key : parts[2].split(String.valueOf(SEPARATOR))) {
                near.evict(parts[1], key);
            }
        }
        else if (parts.length == 3 && parts[0].equals("n")) {
            near.evictNamespace(parts[1], parts[2]);
        }
    }

    @Override
    public void close() {
        beats.shutdownNow();
    }
}
