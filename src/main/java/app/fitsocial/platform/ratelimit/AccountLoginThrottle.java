package app.fitsocial.platform.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

import app.fitsocial.platform.web.ProblemException;

/**
 * Failed logins per account, on top of the per-address limit of the auth routes, shaped the way
 * OWASP's authentication guidance and the large identity providers do it, so that guessing is
 * slow and nobody can lock an owner out:
 * <ul>
 * <li>per account and client ({@code login-client}, 10 per 15 minutes by default): a guesser at
 * one address allocation ({@link AddressAllocation}) gets that many tries, and the owner
 * logging in from anywhere else is not affected by them;</li>
 * <li>per account, from all clients together ({@code login-account}, 100 per hour): a much looser
 * ceiling against guesses spread over many addresses. Past it the account is refused for
 * everyone until the window ends: an attacker with that many addresses can deny the account for
 * as long as they keep it up, the price of capping their guesses.</li>
 * </ul>
 * Every attempt takes a token from both buckets (shared by all instances through Redis, all or
 * nothing); a successful login gives them back, so only failures count. Buckets are keyed by a
 * digest of the account name, so Redis holds no email address. A refusal is a 429 whose
 * rate-limit headers and {@code Retry-After} describe the rule that refused it.
 */
@NamedInterface("login-throttle")
public class AccountLoginThrottle {

    private final @Nullable RateLimiter limiter;
    private final RateLimitSettings.Rule perClient;
    private final RateLimitSettings.Rule perAccount;

    AccountLoginThrottle(@Nullable RateLimiter limiter, RateLimitSettings.Rule perClient, RateLimitSettings.Rule perAccount) {
        this.limiter = limiter;
        this.perClient = perClient;
        this.perAccount = perAccount;
    }

    /** An attempt that was let through; report a success so that it is not counted. */
    public interface Attempt {

        /** The credentials were right: the attempt does not count against the account. */
        void succeeded();
    }

    /**
     * Starts a login attempt for an account (its normalised name) from a client.
     *
     * @param clientAddress the client's address ({@link app.fitsocial.platform.web.ClientAddresses})
     * @throws ProblemException 429 {@code login-throttled}, with the refusing rule's headers
     */
    public Attempt begin(String account, String clientAddress) {
        if (limiter == null) {
            return () -> { };
        }
        String owner = "account:" + digest(account);
        // a list, not a map: two rules configured alike are still two buckets
        List<RateLimiter.Probe> probes = limiter.consumeOwned(List.of(
                Map.entry(perClient, owner + ":client:" + AddressAllocation.of(clientAddress)),
                Map.entry(perAccount, owner)));
        if (probes == null || probes.isEmpty()) {
            return () -> { };
        }
        RateLimiter.Probe refusing = probes.stream().filter(probe -> !probe.consumed())
                .max(Comparator.comparingLong(RateLimiter.Probe::nanosToRefill)).orElse(null);
        if (refusing != null) {
            // the same answer whether the account exists or not
            throw new TooManyRequests(refusing, "login-throttled", "Too many login attempts",
                    "Too many failed logins for this account" + (refusing.rule() == perAccount ? "" : " from this network")
                            + "; retry in " + TooManyRequests.retryAfterSeconds(refusing) + " s");
        }
        return () -> probes.forEach(probe -> probe.giveBack().run());
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
}
