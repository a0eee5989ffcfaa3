package app.fitsocial.platform.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

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
        Duration longest = settings.rules().stream().map(RateLimitSettings.Rule::period)
                .reduce(settings.effectiveDefaultRule().period(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        this.localBuckets = Caffeine.newBuilder().expireAfterAccess(longest).maximumSize(100_000).build();
        this.latency = Timer.builder("fitsocial.ratelimit.latency").description("Time to take tokens from the buckets")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(2)).register(registry);
        this.fallbacks = Counter.builder("fitsocial.ratelimit.fallbacks")
                .description("Requests limited without Redis (the failure policy decided)").register(registry);
    }

    /** Takes a token from each bucket (rule and owner); {@code null} probes mean "let it through" (policy ALLOW). */
    @Nullable List<Probe> consume(List<RateLimitSettings.Rule> rules, String address, @Nullable Long userId, int factor) {
        long start = System.nanoTime();
        try {
            if (breaker.tryAcquirePermission()) {
                long callStart = System.nanoTime();
                try {
                    List<Probe> probes = consumeInRedis(rules, address, userId, factor);
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
                case LOCAL -> count(consumeLocally(rules, address, userId, factor));
                case ALLOW -> null;
                case REJECT -> List.of();
            };
        }
        finally {
            latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private List<Probe> consumeInRedis(List<RateLimitSettings.Rule> rules, String address, @Nullable Long userId,
            int factor) throws ExecutionException, InterruptedException, TimeoutException {
        List<AsyncBucketProxy> proxies = new ArrayList<>(rules.size());
        List<CompletableFuture<ConsumptionProbe>> sent = new ArrayList<>(rules.size());
        for (RateLimitSettings.Rule rule : rules) {
            long capacity = (long) rule.capacity() * factor;
            BucketConfiguration configuration = configuration(rule, capacity);
            AsyncBucketProxy bucket = buckets.builder()
                    .build(key(rule, capacity, address, userId), () -> CompletableFuture.completedFuture(configuration));
            proxies.add(bucket);
            sent.add(bucket.tryConsumeAndReturnRemaining(1));
        }
        List<Probe> probes = new ArrayList<>(rules.size());
        long deadline = System.nanoTime() + settings.redisTimeout().toNanos() * 2;
        for (int i = 0; i < rules.size(); i++) {
            ConsumptionProbe probe = sent.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            AsyncBucketProxy bucket = proxies.get(i);
            RateLimitSettings.Rule rule = rules.get(i);
            probes.add(new Probe(rule, (long) rule.capacity() * factor, probe.isConsumed(), probe.getRemainingTokens(),
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

    private List<Probe> consumeLocally(List<RateLimitSettings.Rule> rules, String address, @Nullable Long userId,
            int factor) {
        List<Probe> probes = new ArrayList<>(rules.size());
        for (RateLimitSettings.Rule rule : rules) {
            long capacity = (long) rule.capacity() * factor;
            Bucket bucket = localBuckets.get(key(rule, capacity, address, userId),
                    k -> Bucket.builder().addLimit(bandwidth(rule, capacity)).build());
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            probes.add(new Probe(rule, capacity, probe.isConsumed(), probe.getRemainingTokens(),
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
