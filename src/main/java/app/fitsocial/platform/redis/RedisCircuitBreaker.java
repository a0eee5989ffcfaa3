package app.fitsocial.platform.redis;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

/**
 * The circuit breaker every Redis user of the service puts in front of its calls: open after
 * half of the last 20 calls (at least 5) failed, then probe again after {@code retryAfter}.
 * While it is open, callers use their fallback at once instead of waiting on a dead Redis.
 */
public final class RedisCircuitBreaker {

    private RedisCircuitBreaker() {
    }

    /** A breaker that counts the given exceptions (and their subclasses) as failures. */
    @SafeVarargs
    public static CircuitBreaker create(String name, Duration retryAfter, Class<? extends Throwable>... failures) {
        return CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(retryAfter)
                .permittedNumberOfCallsInHalfOpenState(2)
                .recordExceptions(failures)
                .build());
    }
}
