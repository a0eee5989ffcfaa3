package app.fitsocial.platform.ratelimit;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import app.fitsocial.platform.web.ProblemException;

/**
 * 429, whichever limiter refused: the rate-limit headers, {@code Retry-After} and the problem's
 * {@code limit} member all describe the refusing rule, so a client reading any of them waits the
 * same time.
 */
final class TooManyRequests extends ProblemException {

    /**
     * @param refusing the probe of the rule that refused
     * @param detail the human explanation; {@link #retryAfterSeconds} gives the wait it may name
     */
    TooManyRequests(RateLimiter.Probe refusing, String type, String title, String detail) {
        super(HttpStatus.TOO_MANY_REQUESTS, type, title, detail);
        long retryAfter = retryAfterSeconds(refusing);
        RateLimitHeaders.write(getHeaders()::set, refusing.rule().name(), refusing.capacity(),
                refusing.rule().period().toSeconds(), 0, retryAfter);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        getBody().setProperty("limit", refusing.rule().name());
    }

    /** Seconds until the refusing rule lets a request through again, at least 1. */
    static long retryAfterSeconds(RateLimiter.Probe refusing) {
        return Math.max(1, RateLimitHeaders.ceilSeconds(refusing.nanosToRefill()));
    }
}
