package app.fitsocial.platform.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits ({@code fitsocial.rate-limit.*}): the rules, who gets higher limits, and what
 * happens when Redis is unavailable. Who may report client addresses is
 * {@code fitsocial.web.trusted-proxies}.
 *
 * @param enabled {@code false} turns rate limiting off
 * @param rules the specific rules; a request counts against every rule that matches it and
 *        against {@code default-rule}
 * @param defaultRule the rule every request under {@code /api/v1/} counts against
 * @param raised clients whose limits are multiplied (the benchmark's load generator)
 * @param redisTimeout the longest the limiter waits for Redis
 * @param onRedisFailure what to do while Redis is unavailable
 * @param loginPerClient the failed logins one account may have from one client (its address
 *        allocation, {@link AddressAllocation}) per period; only name, capacity and period are used
 * @param loginPerAccount the failed logins one account may have from all clients together per
 *        period: a much looser ceiling, against guessing spread over many addresses. A successful
 *        login gives its attempt back to both
 */
@ConfigurationProperties("fitsocial.rate-limit")
public record RateLimitSettings(@DefaultValue("true") boolean enabled, @DefaultValue List<Rule> rules,
        @org.jspecify.annotations.Nullable Rule defaultRule,
        @DefaultValue List<Raised> raised,
        @DefaultValue("500ms") Duration redisTimeout, @DefaultValue("LOCAL") FailurePolicy onRedisFailure,
        @org.jspecify.annotations.Nullable Rule loginPerClient, @org.jspecify.annotations.Nullable Rule loginPerAccount) {

    /** The property that turns rate limiting off ({@code true} unless set). */
    public static final String ENABLED = "fitsocial.rate-limit.enabled";


    /** The rule every request counts against: the configured one, or 100 per minute per user. */
    public Rule effectiveDefaultRule() {
        return defaultRule != null ? defaultRule
                : new Rule("default", "/api/v1/**", Set.of(), 100, Duration.ofMinutes(1), KeyType.USER);
    }

    /** The login rule per account and client: the configured one, or 10 failed attempts per 15 minutes. */
    public Rule effectiveLoginPerClientRule() {
        return loginPerClient != null ? loginPerClient
                : new Rule("login-client", "/api/v1/auth/login", Set.of("POST"), 10, Duration.ofMinutes(15), KeyType.IP);
    }

    /** The login ceiling per account: the configured one, or 100 failed attempts per hour. */
    public Rule effectiveLoginPerAccountRule() {
        return loginPerAccount != null ? loginPerAccount
                : new Rule("login-account", "/api/v1/auth/login", Set.of("POST"), 100, Duration.ofHours(1), KeyType.IP);
    }

    /**
     * One limit.
     *
     * @param name the rule's name, shown in {@code RateLimit-Policy}
     * @param pattern the paths it applies to (Spring path pattern, e.g. {@code /api/v1/reviews/**})
     * @param methods the HTTP methods it applies to; empty for all
     * @param capacity requests allowed per period
     * @param period the window in which {@code capacity} requests are allowed (refilled continuously)
     * @param key whom a bucket belongs to
     */
    public record Rule(String name, String pattern, @DefaultValue Set<String> methods, int capacity, Duration period,
            @DefaultValue("USER") KeyType key) {
    }

    /** Whom a bucket belongs to. */
    public enum KeyType {
        /** The client address. */
        IP,
        /** The authenticated user; the client address for anonymous requests. */
        USER
    }

    /**
     * Clients with higher limits.
     *
     * @param name for the logs
     * @param addresses client addresses or CIDR ranges
     * @param userIds user ids or ranges ({@code 1-2000})
     * @param factor how many times the normal capacity they get
     */
    public record Raised(String name, @DefaultValue List<String> addresses, @DefaultValue List<String> userIds,
            @DefaultValue("100") int factor) {
    }

    /** What the limiter does while Redis is unavailable. */
    public enum FailurePolicy {
        /** Limit with buckets in this instance's memory (per instance, so up to N times the limit). */
        LOCAL,
        /** Let every request through. */
        ALLOW,
        /** Reject every limited request with 503. */
        REJECT
    }
}
