package app.fitsocial.platform.ratelimit;

import java.util.function.BiConsumer;

/**
 * The rate-limit headers of an answer, for one rule: {@code RateLimit-Policy} and
 * {@code RateLimit} (IETF draft) and the {@code X-RateLimit-*} headers. A 429 describes the rule
 * that refused it, whichever limiter did, with {@code Retry-After} equal to the {@code t} of
 * {@code RateLimit}, so that a client reading either waits the same time.
 */
final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    /**
     * Writes the headers with {@code set} (name, value; replacing any earlier value).
     *
     * @param remaining requests left in the window
     * @param resetSeconds seconds until the window ends (for a refusal: until a request is allowed)
     */
    static void write(BiConsumer<String, String> set, String rule, long capacity, long windowSeconds, long remaining,
            long resetSeconds) {
        set.accept("RateLimit-Policy", "\"" + rule + "\";q=" + capacity + ";w=" + windowSeconds);
        set.accept("RateLimit", "\"" + rule + "\";r=" + remaining + ";t=" + resetSeconds);
        set.accept("X-RateLimit-Limit", Long.toString(capacity));
        set.accept("X-RateLimit-Remaining", Long.toString(remaining));
        set.accept("X-RateLimit-Reset", Long.toString(resetSeconds));
    }

    /** Whole seconds, rounded up. */
    static long ceilSeconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
