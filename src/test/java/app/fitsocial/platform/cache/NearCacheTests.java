package app.fitsocial.platform.cache;

import java.time.Duration;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-process level on its own: dropping a namespace drops exactly its keys. */
class NearCacheTests {

    private final NearCache near = new NearCache(1000, Duration.ofMinutes(1), Set.of("listings", "pages"),
            new CacheMetrics(new SimpleMeterRegistry()));

    private void put(String cache, String key) {
        near.put(cache, key, new NearCache.Entry(key, Long.MAX_VALUE, 1, Set.of()), near.sequence(cache));
    }

    @Test
    void droppingANamespaceDropsItsKeysOnly() {
        put("listings", "all:berlin:1");
        put("listings", "all:berlin:2");
        put("listings", "allergies:1");
        put("listings", "12");
        put("pages", "all:1");

        near.evictNamespace("listings", "all");

        assertThat(near.get("listings", "all:berlin:1")).isNull();
        assertThat(near.get("listings", "all:berlin:2")).isNull();
        assertThat(near.get("listings", "allergies:1")).as("another namespace with the same prefix").isNotNull();
        assertThat(near.get("listings", "12")).as("a key without namespace").isNotNull();
        assertThat(near.get("pages", "all:1")).as("the same namespace of another cache").isNotNull();

        put("listings", "all:berlin:3");
        assertThat(near.get("listings", "all:berlin:3")).as("the namespace fills again").isNotNull();
        near.evictNamespace("listings", "all");
        assertThat(near.get("listings", "all:berlin:3")).isNull();
    }

    @Test
    void aKeyEvictedAloneLeavesTheIndexConsistent() {
        put("pages", "reader-1:a");
        near.evict("pages", "reader-1:a");
        put("pages", "reader-1:b");
        near.evictNamespace("pages", "reader-1");
        assertThat(near.get("pages", "reader-1:b")).isNull();
    }
}
