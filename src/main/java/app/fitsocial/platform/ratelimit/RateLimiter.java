package app.fitsocial.platform.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.fitsocial.platform.redis.RedisCircuitBreaker;

/**
 * Takes one token per request from each bucket that applies: in Redis ({@link RedisBuckets}, one
 * script call per request, so every instance draws from the same buckets), or, while Redis is
 * unavailable (a circuit breaker decides), as the configured policy says: by default from
 * Bucket4j buckets in this instance's memory, with the same interval refill.
 */
class RateLimiter {

    /** The outcome for one bucket; {@code giveBack} returns its token. */
    record Probe(RateLimitSettings.Rule rule, long capacity, boolean consumed, long remaining, long nanosToRefill,
            long nanosToReset, Runnable giveBack) {
    }

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    private final RedisBuckets buckets;
    private final RateLimitSettings settings;
    private final CircuitBreaker breaker;
    private final Cache<String, Bucket> localBuckets;
    private final MeterRegistry registry;
    private final Timer latency;
    private final Counter fallbacks;
    private final AtomicLong lastWarning = new AtomicLong();

    RateLimiter(RedisBuckets buckets, RateLimitSettings settings, MeterRegistry registry) {
        this.buckets = buckets;
        this.settings = settings;
        this.registry = registry;
        this.breaker = RedisCircuitBreaker.create("rate-limit-redis", Duration.ofSeconds(2), Exception.class);
        Duration longest = Stream.concat(settings.rules().stream(),
                        Stream.of(settings.effectiveDefaultRule(), settings.effectiveLoginPerClientRule(),
                                settings.effectiveLoginPerAccountRule()))
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
            owned.add(new Owned(rule, new RedisBuckets.Bucket(owner(rule, address, userId), rule.name(),
                    (long) rule.capacity() * factor, rule.period())));
        }
        return consume(owned);
    }

    /**
     * Takes a token from the bucket of each rule for the owner the caller names with it (an
     * account), all or nothing; {@code null} means "let it through" (policy ALLOW).
     */
    @Nullable List<Probe> consumeOwned(List<Map.Entry<RateLimitSettings.Rule, String>> owners) {
        List<Owned> owned = new ArrayList<>(owners.size());
        owners.forEach(entry -> owned.add(new Owned(entry.getKey(), new RedisBuckets.Bucket(entry.getValue(),
                entry.getKey().name(), entry.getKey().capacity(), entry.getKey().period()))));
        return consume(owned);
    }

    /** A rule's bucket for one owner. */
    private record Owned(RateLimitSettings.Rule rule, RedisBuckets.Bucket bucket) {
    }

    private @Nullable List<Probe> consume(List<Owned> owned) {
        long start = System.nanoTime();
        try {
            if (breaker.tryAcquirePermission()) {
                long callStart = System.nanoTime();
                try {
                    List<Probe> probes = consumeInRedis(owned);
                    breaker.onSuccess(System.nanoTime() - callStart, TimeUnit.NANOSECONDS);
                    return count(probes);
                }
                catch (RuntimeException ex) {
                    breaker.onError(System.nanoTime() - callStart, TimeUnit.NANOSECONDS, ex);
                    warn(ex);
                }
            }
            fallbacks.increment();
            return switch (settings.onRedisFailure()) {
                case LOCAL -> count(consumeLocally(owned));
                case ALLOW -> null;
                case REJECT -> List.of();
            };
        }
        finally {
            latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private List<Probe> consumeInRedis(List<Owned> owned) {
        List<RedisBuckets.Taken> taken = buckets.take(owned.stream().map(Owned::bucket).toList());
        List<Probe> probes = new ArrayList<>(owned.size());
        for (int i = 0; i < owned.size(); i++) {
            Owned bucket = owned.get(i);
            RedisBuckets.Taken result = taken.get(i);
            long untilWindowEnd = result.microsToWindowEnd() * 1000;
            probes.add(new Probe(bucket.rule(), bucket.bucket().capacity(), result.allowed(), result.remaining(),
                    result.allowed() ? 0 : untilWindowEnd, untilWindowEnd, () -> giveBack(bucket.bucket())));
        }
        return probes;
    }

    private void giveBack(RedisBuckets.Bucket bucket) {
        try {
            buckets.giveBack(List.of(bucket));
        }
        catch (RuntimeException ex) {
            warn(ex);
        }
    }

    private List<Probe> consumeLocally(List<Owned> owned) {
        List<Bucket> local = owned.stream().map(bucket -> localBuckets.get(bucket.bucket().key(),
                k -> Bucket.builder().addLimit(Bandwidth.builder().capacity(bucket.bucket().capacity())
                        .refillIntervally(bucket.bucket().capacity(), bucket.rule().period()).build()).build())).toList();
        List<ConsumptionProbe> results = new ArrayList<>(owned.size());
        for (Bucket bucket : local) {
            results.add(bucket.tryConsumeAndReturnRemaining(1));
        }
        boolean allAllowed = results.stream().allMatch(ConsumptionProbe::isConsumed);
        List<Probe> probes = new ArrayList<>(owned.size());
        for (int i = 0; i < owned.size(); i++) {
            Bucket bucket = local.get(i);
            ConsumptionProbe probe = results.get(i);
            if (!allAllowed && probe.isConsumed()) {
                // all or nothing, as in Redis: a refused request takes no token from the other rules
                bucket.addTokens(1);
            }
            probes.add(new Probe(owned.get(i).rule(), owned.get(i).bucket().capacity(), probe.isConsumed(),
                    probe.getRemainingTokens(), probe.getNanosToWaitForRefill(), probe.getNanosToWaitForReset(),
                    () -> bucket.addTokens(1)));
        }
        return probes;
    }

    private List<Probe> count(List<Probe> probes) {
        boolean rejected = probes.stream().anyMatch(p -> !p.consumed());
        for (Probe probe : probes) {
            if (!rejected || !probe.consumed()) {
                registry.counter("fitsocial.ratelimit.requests", "rule", probe.rule().name(),
                        "outcome", rejected ? "rejected" : "allowed").increment();
            }
        }
        return probes;
    }

    /** A bucket's owner: the user, or else the client's address allocation ({@link AddressAllocation}). */
    static String owner(RateLimitSettings.Rule rule, String address, @Nullable Long userId) {
        return rule.key() == RateLimitSettings.KeyType.USER && userId != null ? "user:" + userId
                : "ip:" + AddressAllocation.of(address);
    }

    private void warn(Exception ex) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last > 10_000 && lastWarning.compareAndSet(last, now)) {
            log.warn("Rate limits unavailable in Redis, applying policy {}: {}", settings.onRedisFailure(), ex.toString());
        }
    }
}
