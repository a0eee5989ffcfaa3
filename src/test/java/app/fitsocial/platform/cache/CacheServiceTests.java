package app.fitsocial.platform.cache;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.core.StringRedisTemplate;
import redis.embedded.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caching layer against a real Redis of its own (so that it can be stopped), with instances
 * built by hand: hits, expiry on a moved clock, single-flight, invalidation racing a load,
 * namespaces, L1 invalidation across instances, a Redis outage, and caching switched off.
 */
class CacheServiceTests {

    /** A cached type: a record with a list and an instant inside. */
    record Item(long id, String name, List<String> tags, Instant at) {
    }

    private static final ParameterizedTypeReference<List<Item>> ITEMS = new ParameterizedTypeReference<>() {
    };

    private static int port;
    private static RedisServer server;

    @BeforeAll
    static void startRedis() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").setting("dir " + Files.createTempDirectory("fitsocial-cache-")).build();
        server.start();
    }

    @AfterAll
    static void stopRedis() throws IOException {
        if (server.isActive()) {
            server.stop();
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID();
    }

    @Test
    void hitsAfterAMissAndGivesRecordsBackAsRecords() throws Exception {
        try (CacheStack stack = new CacheStack(port, true)) {
            stack.awaitNearCache();
            AtomicInteger loads = new AtomicInteger();
            String key = unique("item");
            Item item = new Item(7, "Morning run", List.of("run", "easy"), Instant.parse("2026-11-28T06:30:00Z"));

            Item first = stack.cache.getOrLoad("shared", key, Item.class, () -> {
                loads.incrementAndGet();
                return item;
            });
            List<Item> list = stack.cache.getOrLoad("personal", key, ITEMS.getType(), () -> List.of(item, item));
            Item second = stack.cache.getOrLoad("shared", key, Item.class, () -> {
                loads.incrementAndGet();
                return item;
            });

            assertThat(first).isEqualTo(item);
            assertThat(second).isEqualTo(item).isInstanceOf(Item.class);
            assertThat(loads).hasValue(1);
            assertThat(stack.count("l1", "hit")).isEqualTo(1);

            CacheStack other = new CacheStack(port, true);
            try (other) {
                Item fromRedis = other.cache.getOrLoad("shared", key, Item.class, () -> {
                    throw new AssertionError("must come from Redis");
                });
                assertThat(fromRedis).isEqualTo(item).isInstanceOf(Item.class);
                List<Item> listFromRedis = other.cache.getOrLoad("personal", key, ITEMS.getType(), () -> {
                    throw new AssertionError("must come from Redis");
                });
                assertThat(listFromRedis).containsExactly(item, item).first().isInstanceOf(Item.class);
                assertThat(other.count("l2", "hit")).isEqualTo(2);
            }
            assertThat(list).hasSize(2);
        }
    }

    @Test
    void entriesExpireWithTheClock() throws Exception {
        try (CacheStack stack = new CacheStack(port, true)) {
            AtomicInteger loads = new AtomicInteger();
            String key = unique("expiring");
            Callable<Integer> read = () -> stack.cache.getOrLoad("personal", key, Integer.class, loads::incrementAndGet);
            assertThat(read.call()).isEqualTo(1);
            stack.clock.advance(Duration.ofMinutes(4));
            assertThat(read.call()).as("within the 5 minutes (minus jitter and early recomputation)").isEqualTo(1);
            stack.clock.advance(Duration.ofMinutes(2));
            assertThat(read.call()).as("past 5 minutes plus 10 % jitter").isEqualTo(2);
        }
    }

    @Test
    void entriesWrittenTogetherExpireApartWithinTenPercent() throws Exception {
        try (CacheStack stack = new CacheStack(port, true)) {
            StringRedisTemplate redis = new StringRedisTemplate(stack.connections);
            redis.afterPropertiesSet();
            java.util.Set<Long> lifetimes = new java.util.TreeSet<>();
            long written = stack.clock.millis();
            for (int i = 0; i < 50; i++) {
                String key = unique("jitter");
                stack.cache.getOrLoad("personal", key, Integer.class, () -> 1);
                byte[] stored = redis.execute((org.springframework.data.redis.core.RedisCallback<byte[]>) connection ->
                        connection.stringCommands().get(CacheService.redisKey("personal", key).getBytes()));
                lifetimes.add(CacheEntry.decode(stored).expiresAt() - written);
            }
            long ttl = Duration.ofMinutes(5).toMillis();
            assertThat(lifetimes).allSatisfy(lifetime -> assertThat(lifetime).isBetween(ttl * 9 / 10, ttl * 11 / 10));
            assertThat(lifetimes.size()).as("distinct expiries").isGreaterThan(40);
        }
    }

    @Test
    void aHotKeyIsRecomputedShortlyBeforeItExpiresNotLongBefore() throws Exception {
        try (CacheStack stack = new CacheStack(port, true)) {
            StringRedisTemplate redis = new StringRedisTemplate(stack.connections);
            redis.afterPropertiesSet();
            String key = unique("hot");
            AtomicInteger loads = new AtomicInteger();
            Callable<Integer> read = () -> stack.cache.getOrLoad("personal", key, Integer.class, () -> {
                sleep(300);
                return loads.incrementAndGet();
            });
            read.call();
            byte[] stored = redis.execute((org.springframework.data.redis.core.RedisCallback<byte[]>) connection ->
                    connection.stringCommands().get(CacheService.redisKey("personal", key).getBytes()));
            long expiresAt = CacheEntry.decode(stored).expiresAt();

            stack.clock.advance(Duration.ofMillis(expiresAt - stack.clock.millis() - 60_000));
            for (int i = 0; i < 20; i++) {
                read.call();
            }
            assertThat(loads).as("a minute before expiry nobody recomputes").hasValue(1);

            stack.clock.advance(Duration.ofMillis(59_800));
            for (int i = 0; i < 20; i++) {
                read.call();
            }
            assertThat(loads).as("0.2 s before expiry, with a 0.3 s load, one reader recomputes early").hasValue(2);
        }
    }

    @Test
    void concurrentMissesOfOneKeyLoadOnce() throws Exception {
        try (CacheStack stack = new CacheStack(port, true)) {
            AtomicInteger loads = new AtomicInteger();
            String key = unique("hot");
            List<Callable<Integer>> readers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                readers.add(() -> stack.cache.getOrLoad("personal", key, Integer.class, () -> {
                    sleep(300);
                    return loads.incrementAndGet();
                }));
            }
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Integer> values = new ArrayList<>();
            try {
                for (Future<Integer> value : pool.invokeAll(readers)) {
                    values.add(value.get());
                }
            }
            finally {
                pool.shutdown();
            }
            assertThat(loads).hasValue(1);
            assertThat(values).containsOnly(1);
        }
    }

    @Test
    void anInvalidationDuringALoadKeepsTheLoadedValueOutOfTheCache() throws Exception {
        try (CacheStack stack = new CacheStack(port, true)) {
            String key = unique("raced");
            CountDownLatch loading = new CountDownLatch(1);
            CountDownLatch invalidated = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<String> slow = pool.submit(() -> stack.cache.getOrLoad("personal", key, String.class, () -> {
                    loading.countDown();
                    await(invalidated);
                    return "read before the write";
                }));
                assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue();
                stack.cache.invalidate("personal", key);
                invalidated.countDown();
                assertThat(slow.get()).isEqualTo("read before the write");
            }
            finally {
                pool.shutdown();
            }
            assertThat(stack.cache.getOrLoad("personal", key, String.class, () -> "read after the write"))
                    .isEqualTo("read after the write");
        }
    }

    @Test
    void aNamespaceIsInvalidatedAsAWhole() throws Exception {
        try (CacheStack stack = new CacheStack(port, true)) {
            String one = unique("reader");
            String two = unique("reader");
            for (String key : List.of(one + ":page1", one + ":page2", two + ":page1")) {
                stack.cache.getOrLoad("personal", key, String.class, () -> "old");
            }
            stack.cache.invalidateNamespace("personal", one);
            assertThat(stack.cache.getOrLoad("personal", one + ":page1", String.class, () -> "new")).isEqualTo("new");
            assertThat(stack.cache.getOrLoad("personal", one + ":page2", String.class, () -> "new")).isEqualTo("new");
            assertThat(stack.cache.getOrLoad("personal", two + ":page1", String.class, () -> "new")).isEqualTo("old");
            StringRedisTemplate redis = new StringRedisTemplate(stack.connections);
            redis.afterPropertiesSet();
            assertThat(redis.hasKey(RedisCacheStore.INDEX_PREFIX + "personal:" + two)).isTrue();
        }
    }

    @Test
    void manyKeysAreInvalidatedAtOnceOnEveryInstance() throws Exception {
        try (CacheStack a = new CacheStack(port, true); CacheStack b = new CacheStack(port, true)) {
            a.awaitNearCache();
            b.awaitNearCache();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 1200; i++) {
                keys.add(unique("bulk"));
            }
            AtomicInteger version = new AtomicInteger(1);
            for (String key : keys) {
                b.cache.getOrLoad("shared", key, Integer.class, version::get);
            }
            version.set(2);
            a.cache.invalidateAll("shared", keys);

            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            long stale;
            do {
                stale = keys.stream().filter(key -> b.cache.getOrLoad("shared", key, Integer.class, version::get) == 1).count();
            } while (stale > 0 && System.nanoTime() < deadline);
            assertThat(stale).as("keys still served with the old value by the other instance").isZero();
        }
    }

    @Test
    void anInvalidationOnOneInstanceDropsTheNearCacheOfAnother() throws Exception {
        try (CacheStack a = new CacheStack(port, true); CacheStack b = new CacheStack(port, true)) {
            a.awaitNearCache();
            b.awaitNearCache();
            String key = unique("profile");
            AtomicInteger version = new AtomicInteger(1);
            assertThat(a.cache.getOrLoad("shared", key, Integer.class, version::get)).isEqualTo(1);
            assertThat(b.cache.getOrLoad("shared", key, Integer.class, version::get)).isEqualTo(1);
            assertThat(b.cache.getOrLoad("shared", key, Integer.class, version::get)).isEqualTo(1);
            assertThat(b.count("l1", "hit")).as("b serves the key from its L1").isEqualTo(1);

            version.set(2);
            a.cache.invalidate("shared", key);

            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            int seen = 1;
            while (seen != 2 && System.nanoTime() < deadline) {
                seen = b.cache.getOrLoad("shared", key, Integer.class, version::get);
            }
            assertThat(seen).isEqualTo(2);
        }
    }

    @Test
    void servesFromTheLoaderWhileRedisIsDownAndCachesAgainWhenItReturns() throws Exception {
        try (CacheStack stack = new CacheStack(port, true)) {
            AtomicInteger loads = new AtomicInteger();
            String key = unique("outage");
            Callable<Integer> read = () -> stack.cache.getOrLoad("personal", key, Integer.class, loads::incrementAndGet);
            read.call();
            read.call();
            assertThat(loads).hasValue(1);

            server.stop();
            try {
                long start = System.nanoTime();
                for (int i = 0; i < 10; i++) {
                    read.call();
                }
                assertThat(loads).as("every read loads while Redis is away").hasValue(11);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            }
            finally {
                server.start();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            int before;
            do {
                sleep(100);
                before = loads.get();
                read.call();
                read.call();
            } while (loads.get() - before > 1 && System.nanoTime() < deadline);
            assertThat(loads.get() - before).as("cached again once Redis is back").isLessThanOrEqualTo(1);
        }
    }

    @Test
    void switchedOffItLoadsEveryTimeAndSendsNothingToRedis() throws Exception {
        try (CacheStack stack = new CacheStack(port, false)) {
            StringRedisTemplate redis = new StringRedisTemplate(stack.connections);
            redis.afterPropertiesSet();
            redis.getRequiredConnectionFactory().getConnection().serverCommands().resetConfigStats();
            AtomicInteger loads = new AtomicInteger();
            for (int i = 0; i < 3; i++) {
                stack.cache.getOrLoad("shared", "off", Integer.class, loads::incrementAndGet);
            }
            stack.cache.invalidate("shared", "off");
            stack.cache.invalidateNamespace("personal", "off");
            assertThat(loads).hasValue(3);
            sleep(300);
            var stats = redis.getRequiredConnectionFactory().getConnection().serverCommands().info("commandstats");
            assertThat(stats.stringPropertyNames()).noneMatch(name -> name.contains("get") || name.contains("eval")
                    || name.contains("publish") || name.contains("psetex") || name.contains("smembers"));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
