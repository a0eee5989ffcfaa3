package app.fitsocial.platform.cache;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;

import app.fitsocial.PrivateRedis;
import app.fitsocial.platform.versions.Versioned;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caching layer against a real Redis of its own (so that it can be stopped), with instances
 * built by hand: entries hold while their resource keeps its version and never after, on every
 * instance and in both levels; a load racing a write never leaves stale data behind; lost
 * versions are recorded again from the data; single flight; a Redis outage; caching switched off.
 * "The database" is a map of values with their row versions.
 */
class CacheServiceTests {

    /** A cached type: a record with a list and an instant inside. */
    record Item(long id, String name, List<String> tags, Instant at) {
    }

    private static final ParameterizedTypeReference<List<Item>> ITEMS = new ParameterizedTypeReference<>() {
    };

    private static PrivateRedis redis;
    private static int port;

    @BeforeAll
    static void startRedis() throws IOException {
        redis = PrivateRedis.start();
        port = Integer.parseInt(redis.url().substring(redis.url().lastIndexOf(':') + 1));
    }

    @AfterAll
    static void stopRedis() throws IOException {
        redis.close();
    }

    /** A row: its value and version, changed the way the service changes rows. */
    static final class Row {

        private volatile Item value;
        private final AtomicLong version = new AtomicLong(1);
        final AtomicInteger reads = new AtomicInteger();

        Row(Item value) {
            this.value = value;
        }

        Versioned<Item> read() {
            reads.incrementAndGet();
            long at = version.get();
            return new Versioned<>(value, at);
        }

        /** Changes the row and states its new version, as a write does after its commit. */
        void change(CacheStack writer, String resource, String name) {
            value = new Item(value.id(), name, value.tags(), value.at());
            writer.versions.changed(resource, version.incrementAndGet());
        }
    }

    private static Item item(String name) {
        return new Item(7, name, List.of("run", "easy"), Instant.parse("2026-11-28T06:30:00Z"));
    }

    private static String unique(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID();
    }

    @Test
    void hitsWhileTheVersionHoldsAndGivesRecordsBackAsRecords() {
        try (CacheStack stack = new CacheStack(port, true)) {
            String resource = unique("item");
            Row row = new Row(item("Morning run"));

            Versioned<Item> first = stack.cache.get("shared", resource, resource, Item.class, row::read);
            Versioned<Item> second = stack.cache.get("shared", resource, resource, Item.class, row::read);
            String collection = unique("items");
            List<Item> list = stack.cache.getInCollection("personal", resource, collection, ITEMS.getType(),
                    () -> List.of(row.read().value(), row.read().value()));
            List<Item> listAgain = stack.cache.getInCollection("personal", resource, collection, ITEMS.getType(),
                    () -> List.of());

            assertThat(first).isEqualTo(second).isEqualTo(new Versioned<>(item("Morning run"), 1));
            assertThat(row.reads).hasValue(3);
            assertThat(list).containsExactly(item("Morning run"), item("Morning run"));
            assertThat(listAgain).as("generic types come back as they went in").isEqualTo(list);
            assertThat(stack.gets("shared", "hit", "l1")).isEqualTo(1);
            assertThat(stack.gets("shared", "miss", "l2")).isEqualTo(1);
        }
    }

    @Test
    void aChangeOnOneInstanceIsSeenByTheNextReadOnAnotherInBothLevels() {
        try (CacheStack writer = new CacheStack(port, true); CacheStack reader = new CacheStack(port, true)) {
            String resource = unique("item");
            Row row = new Row(item("before"));
            assertThat(reader.cache.get("shared", resource, resource, Item.class, row::read).value().name()).isEqualTo("before");
            assertThat(reader.cache.get("shared", resource, resource, Item.class, row::read).value().name())
                    .as("held in L1").isEqualTo("before");
            assertThat(writer.cache.get("personal", resource, resource, Item.class, row::read).value().name())
                    .isEqualTo("before");

            row.change(writer, resource, "after");

            assertThat(reader.cache.get("shared", resource, resource, Item.class, row::read))
                    .as("L1 entry of the other instance").isEqualTo(new Versioned<>(item("after"), 2));
            assertThat(writer.cache.get("personal", resource, resource, Item.class, row::read).value().name())
                    .as("L2 entry").isEqualTo("after");
            Versioned<Item> cachedAgain = reader.cache.get("shared", resource, resource, Item.class, () -> {
                throw new AssertionError("cached again after the change");
            });
            assertThat(cachedAgain.value().name()).isEqualTo("after");
        }
    }

    @Test
    void aLoadThatReadTheDataBeforeAWriteNeverOutlivesIt() throws Exception {
        try (CacheStack stack = new CacheStack(port, true); CacheStack writer = new CacheStack(port, true)) {
            String resource = unique("item");
            Row row = new Row(item("old"));
            CountDownLatch read = new CountDownLatch(1);
            CountDownLatch written = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<Versioned<Item>> slow = pool.submit(() -> stack.cache.get("shared", resource, resource, Item.class,
                        () -> {
                            Versioned<Item> old = row.read();
                            read.countDown();
                            await(written);
                            return old;
                        }));
                await(read);
                row.change(writer, resource, "new");
                written.countDown();
                assertThat(slow.get(10, TimeUnit.SECONDS).value().name()).as("what the slow reader read").isEqualTo("old");
            }
            finally {
                pool.shutdown();
            }
            assertThat(stack.cache.get("shared", resource, resource, Item.class, row::read).value().name()).isEqualTo("new");
            assertThat(writer.cache.get("shared", resource, resource, Item.class, row::read).value().name()).isEqualTo("new");
        }
    }

    @Test
    void aVersionLostFromRedisIsRecordedAgainFromTheData() {
        try (CacheStack stack = new CacheStack(port, true)) {
            String resource = unique("item");
            Row row = new Row(item("kept"));
            stack.cache.get("shared", resource, resource, Item.class, row::read);
            stack.redis.delete("fitsocial:v2:version:" + resource);

            assertThat(stack.cache.get("shared", resource, resource, Item.class, row::read).value().name()).isEqualTo("kept");
            assertThat(row.reads).as("an entry without a known version is never used").hasValue(2);
            awaitVersion(stack, resource);
            stack.cache.get("shared", resource, resource, Item.class, row::read);
            assertThat(row.reads).as("recorded again, the entry holds").hasValue(2);
        }
    }

    @Test
    void aCollectionsEntryHoldsUntilTheCollectionChanges() {
        try (CacheStack stack = new CacheStack(port, true)) {
            String collection = unique("listing");
            AtomicInteger loads = new AtomicInteger();
            Callable<List<Item>> listing = () -> List.of(item("row " + loads.incrementAndGet()));
            assertThat(stack.cache.getInCollection("shared", "page", collection, ITEMS.getType(), () -> call(listing)))
                    .containsExactly(item("row 1"));
            assertThat(stack.cache.getInCollection("shared", "page", collection, ITEMS.getType(), () -> call(listing)))
                    .containsExactly(item("row 1"));

            stack.versions.changed(collection);

            assertThat(stack.cache.getInCollection("shared", "page", collection, ITEMS.getType(), () -> call(listing)))
                    .containsExactly(item("row 2"));
        }
    }

    @Test
    void manyKeysAreReadInOneGoAndOnlyTheMissingOnesLoaded() {
        try (CacheStack stack = new CacheStack(port, true)) {
            String prefix = unique("item");
            Map<String, Row> rows = new HashMap<>();
            for (int i = 0; i < 5; i++) {
                rows.put(prefix + i, new Row(item("item " + i)));
            }
            List<String> keys = new ArrayList<>(rows.keySet());
            List<List<String>> loaded = new ArrayList<>();
            java.util.function.Function<List<String>, Map<String, Versioned<Item>>> load = missing -> {
                loaded.add(List.copyOf(missing));
                Map<String, Versioned<Item>> found = new HashMap<>();
                missing.forEach(key -> found.put(key, rows.get(key).read()));
                return found;
            };
            assertThat(stack.cache.getAll("personal", keys.subList(0, 2), k -> k, Item.class, load)).hasSize(2);
            rows.get(keys.get(0)).change(stack, keys.get(0), "changed");
            Map<String, Versioned<Item>> all = stack.cache.getAll("personal", keys, k -> k, Item.class, load);

            assertThat(all.keySet()).containsExactlyElementsOf(keys);
            assertThat(all.get(keys.get(0)).value().name()).isEqualTo("changed");
            assertThat(loaded).hasSize(2);
            assertThat(loaded.get(1)).containsExactlyInAnyOrder(keys.get(0), keys.get(2), keys.get(3), keys.get(4));
        }
    }

    @Test
    void concurrentMissesOfOneKeyLoadOnce() throws Exception {
        try (CacheStack stack = new CacheStack(port, true)) {
            String resource = unique("item");
            AtomicInteger loads = new AtomicInteger();
            CountDownLatch release = new CountDownLatch(1);
            List<Callable<Versioned<Item>>> readers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                readers.add(() -> stack.cache.get("personal", resource, resource, Item.class, () -> {
                    loads.incrementAndGet();
                    await(release);
                    return new Versioned<>(item("once"), 3);
                }));
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Versioned<Item>>> results = new ArrayList<>();
                readers.forEach(reader -> results.add(pool.submit(reader)));
                Thread.sleep(300);
                release.countDown();
                for (Future<Versioned<Item>> result : results) {
                    assertThat(result.get(10, TimeUnit.SECONDS).value().name()).isEqualTo("once");
                }
            }
            finally {
                pool.shutdown();
            }
            assertThat(loads).hasValue(1);
        }
    }

    @Test
    void servesFromTheDatabaseWhileRedisIsDownAndCachesAgainWhenItReturns() throws Exception {
        try (PrivateRedis own = PrivateRedis.start();
                CacheStack stack = new CacheStack(Integer.parseInt(own.url().substring(own.url().lastIndexOf(':') + 1)), true)) {
            String resource = unique("item");
            Row row = new Row(item("steady"));
            stack.cache.get("shared", resource, resource, Item.class, row::read);
            own.stop();
            for (int i = 0; i < 20; i++) {
                assertThat(stack.cache.get("shared", resource, resource, Item.class, row::read).value().name())
                        .isEqualTo("steady");
            }
            assertThat(row.reads).as("nothing cached is trusted without its version").hasValue(21);
            own.restart();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int before;
            do {
                Thread.sleep(100);
                before = row.reads.get();
                stack.cache.get("shared", resource, resource, Item.class, row::read);
                stack.cache.get("shared", resource, resource, Item.class, row::read);
            } while (row.reads.get() - before > 1 && System.nanoTime() < deadline);
            assertThat(row.reads.get() - before).as("cached again once Redis is back").isLessThanOrEqualTo(1);
        }
    }

    @Test
    void switchedOffItLoadsEveryTimeAndSendsNothingToRedis() {
        try (CacheStack stack = new CacheStack(port, false)) {
            String resource = unique("item");
            Row row = new Row(item("fresh"));
            long keysBefore = stack.redis.execute((org.springframework.data.redis.core.RedisCallback<Long>)
                    connection -> connection.serverCommands().dbSize());
            for (int i = 0; i < 3; i++) {
                stack.cache.get("shared", resource, resource, Item.class, row::read);
            }
            assertThat(row.reads).hasValue(3);
            assertThat(stack.redis.hasKey("fitsocial:v2:cache:shared:" + resource)).isFalse();
            assertThat((Long) stack.redis.execute((org.springframework.data.redis.core.RedisCallback<Long>)
                    connection -> connection.serverCommands().dbSize())).isEqualTo(keysBefore);
        }
    }

    private static void awaitVersion(CacheStack stack, String resource) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!Boolean.TRUE.equals(stack.redis.hasKey("fitsocial:v2:version:" + resource))
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private static <T> T call(Callable<T> callable) {
        try {
            return callable.call();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
