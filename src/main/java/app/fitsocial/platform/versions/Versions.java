package app.fitsocial.platform.versions;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.NamedInterface;

import app.fitsocial.platform.persistence.AfterCommit;

/**
 * The versions of resources, shared by every instance: what writes raise and what conditional
 * requests and caches read.
 *
 * <ul>
 * <li><b>Row-backed resources</b> ({@code user:42}, {@code class:7}) are represented by one
 * database row with a {@code version} column. A write that changes what the representation shows
 * (a counter or a read copy included) raises the column in its {@code UPDATE ... RETURNING
 * version} and states it with {@link #changed(String, long)}.</li>
 * <li><b>Collections</b> ({@code classes:provider:3}: which classes a listing can show) have no row
 * of their own; {@link #changed(String)} gives them a new counter value.</li>
 * </ul>
 *
 * <p>Raises happen once the transaction commits (at once outside one), after its other
 * after-commit work, still before the writer's response, and all of one transaction's raises go
 * out together. A raise Redis did not take is kept and retried every {@code retry-interval}; until
 * every such raise got through, this instance answers "unknown" to every read, so it never trusts
 * a version it knows to be stale.
 */
@NamedInterface("versions")
public class Versions implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Versions.class);

    private final VersionStore store;
    private final Map<String, VersionStore.Raise> failed = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "version-raise-retries");
        thread.setDaemon(true);
        return thread;
    });

    Versions(VersionStore store, java.time.Duration retryInterval, MeterRegistry registry) {
        this.store = store;
        retries.scheduleWithFixedDelay(this::retryFailed, retryInterval.toMillis(), retryInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        Gauge.builder("fitsocial.versions.pending.raises", failed, Map::size)
                .description("Version raises Redis did not take yet; while any is pending the instance serves no 304s")
                .register(registry);
    }

    /**
     * States that a row-backed resource now has {@code version} (its row's version column after
     * the write). Call it inside the writing transaction; the raise happens after the commit.
     */
    public void changed(String resource, long version) {
        raiseAfterCommit(new VersionStore.Raise(resource, version));
    }

    /** States that a collection changed; it gets a new version after the commit. */
    public void changed(String collection) {
        raiseAfterCommit(new VersionStore.Raise(collection, null));
    }

    /**
     * Records a version seen in data just read from the primary database, so that a version lost
     * from Redis (expired, evicted, a restarted Redis) is known again. Never lowers a version;
     * does not wait for Redis.
     */
    public void observed(String resource, long version) {
        if (failed.isEmpty()) {
            store.raiseInBackground(List.of(new VersionStore.Raise(resource, version)));
        }
    }

    /**
     * {@link #observed} that waits for Redis and answers the version it holds afterwards, for an
     * answer that needs the version's time; {@code null} when it cannot be told.
     */
    public @Nullable Version record(String resource, long version) {
        return failed.isEmpty() ? store.raiseAndRead(new VersionStore.Raise(resource, version)) : null;
    }

    /**
     * Starts reading the versions of the given resources (one {@code MGET}) and returns at once;
     * read them before the data they stand for. Within one GET or HEAD request a resource's
     * version is read once: later reads of it in the request (the conditional check before the
     * handler, the cache lookup in it) share the first, which is also the one that came before
     * any data the request read.
     */
    public Reading read(Collection<String> resources) {
        List<String> names = List.copyOf(resources);
        if (!failed.isEmpty()) {
            return new Reading(CompletableFuture.completedFuture(null));
        }
        Map<String, CompletableFuture<@Nullable Map<String, Version>>> memo = readsOfThisRequest();
        if (memo == null) {
            return new Reading(send(names));
        }
        List<String> unsent = names.stream().filter(name -> !memo.containsKey(name)).distinct().toList();
        if (!unsent.isEmpty()) {
            CompletableFuture<@Nullable Map<String, Version>> sent = send(unsent);
            unsent.forEach(name -> memo.put(name, sent));
        }
        List<CompletableFuture<@Nullable Map<String, Version>>> parts = names.stream().map(memo::get).distinct().toList();
        if (parts.size() == 1) {
            return new Reading(parts.get(0));
        }
        return new Reading(CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, Version> all = new java.util.HashMap<>();
            for (CompletableFuture<@Nullable Map<String, Version>> part : parts) {
                Map<String, Version> found = part.join();
                if (found == null) {
                    return null;
                }
                all.putAll(found);
            }
            return all;
        }));
    }

    private CompletableFuture<@Nullable Map<String, Version>> send(List<String> names) {
        return store.read(names).exceptionally(failure -> {
            log.debug("Versions unknown: {}", failure.toString());
            return null;
        });
    }

    private static final String MEMO = Versions.class.getName() + ".reads";

    /** The version reads of the current GET or HEAD request, {@code null} outside one. */
    @SuppressWarnings("unchecked")
    private static @Nullable Map<String, CompletableFuture<@Nullable Map<String, Version>>> readsOfThisRequest() {
        if (!(org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                instanceof org.springframework.web.context.request.ServletRequestAttributes attributes)) {
            return null;
        }
        jakarta.servlet.http.HttpServletRequest request = attributes.getRequest();
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return null;
        }
        Object memo = request.getAttribute(MEMO);
        if (memo == null) {
            memo = new java.util.HashMap<String, CompletableFuture<@Nullable Map<String, Version>>>();
            request.setAttribute(MEMO, memo);
        }
        return (Map<String, CompletableFuture<@Nullable Map<String, Version>>>) memo;
    }

    /**
     * The version of a collection, given one first if it has none (a collection's version is only
     * in Redis). Empty when Redis cannot answer.
     */
    public OptionalLong initialize(String collection) {
        if (!failed.isEmpty()) {
            return OptionalLong.empty();
        }
        Long number = store.initialize(collection);
        return number == null ? OptionalLong.empty() : OptionalLong.of(number);
    }

    /** Versions on their way from Redis. */
    public static final class Reading {

        private final CompletableFuture<@Nullable Map<String, Version>> answer;

        Reading(CompletableFuture<@Nullable Map<String, Version>> answer) {
            this.answer = answer;
        }

        /**
         * The versions found (a resource without one is absent), or {@code null} when they are
         * unknown: Redis failed, or this instance has raises Redis did not take yet.
         */
        public @Nullable Map<String, Version> await() {
            try {
                return answer.join();
            }
            catch (CompletionException ex) {
                return null;
            }
        }
    }

    private void raiseAfterCommit(VersionStore.Raise raise) {
        Batch batch = AfterCommit.collector(Batch.class, org.springframework.core.Ordered.LOWEST_PRECEDENCE,
                () -> new Batch(this));
        if (batch == null) {
            send(List.of(raise));
        }
        else {
            batch.add(raise);
        }
    }

    private void send(Collection<VersionStore.Raise> raises) {
        if (!store.raise(raises)) {
            raises.forEach(raise -> failed.merge(raise.resource(), raise, Versions::later));
        }
    }

    private void retryFailed() {
        try {
            if (failed.isEmpty()) {
                return;
            }
            Map<String, VersionStore.Raise> pending = new LinkedHashMap<>(failed);
            if (store.raise(pending.values())) {
                pending.forEach(failed::remove);
                log.info("Redis took {} version raises it had missed; versions are trusted again", pending.size());
            }
        }
        catch (RuntimeException ex) {
            log.warn("Retrying version raises failed: {}", ex.toString());
        }
    }

    private static VersionStore.Raise later(VersionStore.Raise a, VersionStore.Raise b) {
        if (a.number() == null || b.number() == null) {
            return a.number() == null ? a : b;
        }
        return a.number() >= b.number() ? a : b;
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }

    /** One transaction's raises, sent together after its commit. */
    static final class Batch implements Runnable {

        private final Versions versions;
        private final Map<String, VersionStore.Raise> raises = new LinkedHashMap<>();

        Batch(Versions versions) {
            this.versions = versions;
        }

        void add(VersionStore.Raise raise) {
            raises.merge(raise.resource(), raise, Versions::later);
        }

        @Override
        public void run() {
            versions.send(raises.values());
        }
    }
}
