package app.fitsocial.platform.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import app.fitsocial.platform.web.ProblemException;

/**
 * Login attempts per account, on top of the per-address limit of the auth routes: an attacker
 * spreading guesses for one account over many addresses still gets only
 * {@code fitsocial.rate-limit.account-login} attempts per period (by default 10 per 15 minutes).
 * Every attempt takes a token from the account's bucket, shared by all instances through Redis;
 * a successful login gives it back, so only failures use the budget up. Buckets are keyed by a
 * digest of the account name, so Redis holds no email address.
 */
public class AccountLoginThrottle {

    private final @Nullable RateLimiter limiter;
    private final RateLimitSettings.Rule rule;

    AccountLoginThrottle(@Nullable RateLimiter limiter, RateLimitSettings.Rule rule) {
        this.limiter = limiter;
        this.rule = rule;
    }

    /** An attempt that was let through; report a success so that it is not counted. */
    public interface Attempt {

        /** The credentials were right: the attempt does not count against the account. */
        void succeeded();
    }

    /**
     * Starts a login attempt for an account (its normalised name).
     *
     * @throws ProblemException 429 with {@code Retry-After} when the account used up its attempts
     */
    public Attempt begin(String account) {
        if (limiter == null) {
            return () -> { };
        }
        RateLimiter.Probe probe = limiter.consume(rule, "account:" + digest(account));
        if (probe == null) {
            return () -> { };
        }
        if (!probe.consumed()) {
            throw new TooManyAttempts(rule, Math.max(1, (probe.nanosToRefill() + 999_999_999L) / 1_000_000_000L));
        }
        return probe.giveBack()::run;
    }

    private static String digest(String account) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(account.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }

    /** 429: the account had too many login attempts; the same answer whether it exists or not. */
    static final class TooManyAttempts extends ProblemException {

        TooManyAttempts(RateLimitSettings.Rule rule, long retryAfterSeconds) {
            super(HttpStatus.TOO_MANY_REQUESTS, "login-throttled", "Too many login attempts",
                    "Too many login attempts for this account; retry in " + retryAfterSeconds + " s");
            getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
            getBody().setProperty("limit", rule.name());
        }
    }
}
