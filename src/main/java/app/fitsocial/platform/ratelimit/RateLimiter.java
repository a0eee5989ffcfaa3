package app.fitsocial.platform.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.fitsocial.platform.redis.RedisCircuitBreaker;

/**
 * Takes one token per request from each bucket that applies, in Redis through Bucket4j's Lettuce
 * proxy manager (the buckets of one request in parallel), so every instance draws from the same
 * buckets. While Redis is unavailable (a circuit breaker decides), the configured policy applies:
 * by default buckets in this instance's memory.
 */
class RateLimiter {

    /** The outcome for one bucket; {@code refund} gives the token back. */
    record Probe(RateLimitSettings.Rule rule, long capacity, boolean consumed, long remaining, long nanosToRefill,
            long nanosToReset, Runnable refund) {
    }

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final String PREFIX = "fitsocial:v1:rate:";

    private final AsyncProxyManager<String> buckets;
    private final RateLimitSettings settings;
    private final CircuitBreaker breaker;
    private final Cache<String, Bucket> localBuckets;
    private final MeterRegistry registry;
    private final Timer latency;
    private final Counter fallbacks;
    private final AtomicLong lastWarning = new AtomicLong();

    RateLimiter(AsyncProxyManager<String> buckets, RateLimitSettings settings, MeterRegistry registry) {
        this.buckets = buckets;
        this.settings = settings;
        this.registry = registry;
        this.breaker = RedisCircuitBreaker.create("rate-limit-redis", Duration.ofSeconds(2), Exception.class);
        Duration longest = Stream.concat(settings.rules().stream(),
                        Stream.of(settings.effectiveDefaultRule(), settings.effectiveAccountLoginRule()))
                .map(RateLimitSettings.Rule::period).max(Comparator.naturalOrder()).orElseThrow();
        this.localBuckets = Caffeine.newBuilder().expireAfterAccess(longest).maximumSize(100_000).build();
        this.latency = Timer.builder("fitsocial.ratelimit.latency").description("Time to take tokens from the buckets")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(2)).register(registry);
        this.fallbacks = Counter.builder("fitsocial.ratelimit.fallbacks")
                .description("Requests limited without Redis (the failure policy decided)").register(registry);
    }

    /** Takes a token from each bucket (rule and owner); {@code null} probes mean "let it through" (policy ALLOW). */
    @Nullable List<Probe> consume(List<RateLimitSettings.Rule> rules, String address, @Nullable Long userId, int factor) {
        List<Owned> owned = new ArrayList<>(rules.size());
        for (RateLimitSettings.Rule rule : rules) {
            long capacity = (long) rule.capacity() * factor;
            owned.add(new Owned(rule, capacity, key(rule, capacity, address, userId)));
        }
        return consume(owned);
    }

    /** Takes a token from the bucket of one rule for an owner named by the caller (an account). */
    @Nullable Probe consume(RateLimitSettings.Rule rule, String owner) {
        List<Probe> probes = consume(List.of(new Owned(rule, rule.capacity(), PREFIX + rule.name() + ":"
                + rule.capacity() + ":" + owner)));
        return probes == null ? null : probes.isEmpty() ? null : probes.get(0);
    }

    /** A rule's bucket for one owner: its capacity and its key. */
    private record Owned(RateLimitSettings.Rule rule, long capacity, String key) {
    }

    private @Nullable List<Probe> consume(List<Owned> rules) {
        long start = System.nanoTime();
        try {
            if (breaker.tryAcquirePermission()) {
                long callStart = System.nanoTime();
                try {
                    List<Probe> probes = consumeInRedis(rules);
                    breaker.onSuccess(System.nanoTime() - callStart, TimeUnit.NANOSECONDS);
                    return count(probes);
                }
                catch (RuntimeException | ExecutionException | TimeoutException ex) {
                    breaker.onError(System.nanoTime() - callStart, TimeUnit.NANOSECONDS, ex);
                    warn(ex);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            fallbacks.increment();
            return switch (settings.onRedisFailure()) {
                case LOCAL -> count(consumeLocally(rules));
                case ALLOW -> null;
                case REJECT -> List.of();
            };
        }
        finally {
            latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private List<Probe> consumeInRedis(List<Owned> rules)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<AsyncBucketProxy> proxies = new ArrayList<>(rules.size());
        List<CompletableFuture<ConsumptionProbe>> sent = new ArrayList<>(rules.size());
        for (Owned owned : rules) {
            BucketConfiguration configuration = configuration(owned.rule(), owned.capacity());
            AsyncBucketProxy bucket = buckets.builder()
                    .build(owned.key(), () -> CompletableFuture.completedFuture(configuration));
            proxies.add(bucket);
            sent.add(bucket.tryConsumeAndReturnRemaining(1));
        }
        List<Probe> probes = new ArrayList<>(rules.size());
        long deadline = System.nanoTime() + settings.redisTimeout().toNanos() * 2;
        for (int i = 0; i < rules.size(); i++) {
            ConsumptionProbe probe = sent.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            AsyncBucketProxy bucket = proxies.get(i);
            Owned owned = rules.get(i);
            probes.add(new Probe(owned.rule(), owned.capacity(), probe.isConsumed(), probe.getRemainingTokens(),
                    probe.getNanosToWaitForRefill(), probe.getNanosToWaitForReset(), () -> refund(bucket)));
        }
        return probes;
    }

    /** Gives a token back, waiting (briefly) so that the client's next request sees it. */
    private void refund(AsyncBucketProxy bucket) {
        try {
            bucket.addTokens(1).get(settings.redisTimeout().toNanos() * 2, TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException | TimeoutException | RuntimeException ex) {
            warn(new IllegalStateException("refund failed", ex));
        }
    }

    private List<Probe> consumeLocally(List<Owned> rules) {
        List<Probe> probes = new ArrayList<>(rules.size());
        for (Owned owned : rules) {
            Bucket bucket = localBuckets.get(owned.key(),
                    k -> Bucket.builder().addLimit(bandwidth(owned.rule(), owned.capacity())).build());
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            probes.add(new Probe(owned.rule(), owned.capacity(), probe.isConsumed(), probe.getRemainingTokens(),
                    probe.getNanosToWaitForRefill(), probe.getNanosToWaitForReset(), () -> bucket.addTokens(1)));
        }
        return probes;
    }

    private List<Probe> count(List<Probe> probes) {
        boolean rejected = probes.stream().anyMatch(p -> !p.consumed());
        for (Probe probe : probes) {
            if (!rejected || !probe.consumed()) {
                // a rule that let the request through while another rejected it gets its token back
                registry.counter("fitsocial.ratelimit.requests", "rule", probe.rule().name(),
                        "outcome", rejected ? "rejected" : "allowed").increment();
            }
        }
        return probes;
    }

    static String key(RateLimitSettings.Rule rule, long capacity, String address, @Nullable Long userId) {
        String owner = rule.key() == RateLimitSettings.KeyType.USER && userId != null ? "user:" + userId : "ip:" + address;
        return PREFIX + rule.name() + ":" + capacity + ":" + owner;
    }

    private static BucketConfiguration configuration(RateLimitSettings.Rule rule, long capacity) {
        return BucketConfiguration.builder().addLimit(bandwidth(rule, capacity)).build();
    }

    private static Bandwidth bandwidth(RateLimitSettings.Rule rule, long capacity) {
        return Bandwidth.builder().capacity(capacity).refillIntervally(capacity, rule.period()).build();
    }

    private void warn(Exception ex) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last > 10_000 && lastWarning.compareAndSet(last, now)) {
            log.warn("Rate limits unavailable in Redis, applying policy {}: {}", settings.onRedisFailure(), ex.toString());
        }
    }
}
