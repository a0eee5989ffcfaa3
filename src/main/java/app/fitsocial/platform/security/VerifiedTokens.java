package app.fitsocial.platform.security;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * The access-token decoder with a memory of tokens it has verified, so that a client presenting
 * the same token request after request pays the signature check and the JSON parsing once, not
 * on every request (they were a seventh of a trivial request's CPU, twice over: the rate limiter
 * and the resource server each decode).
 * <p>
 * The memory is keyed by the whole token, signature included, so only the exact bytes once
 * verified are recognised; a remembered token is checked again for expiry ({@code exp},
 * {@code nbf}, with the same clock skew as the full validation) on every use, and forgotten after
 * {@value #REMEMBERED_MINUTES} minutes or when {@value #REMEMBERED_TOKENS} others are newer.
 * Tokens that fail verification are never remembered. Per instance and in memory only: it holds
 * nothing that another instance could disagree with, since a token's validity depends only on
 * itself and the time.
 */
final class VerifiedTokens implements JwtDecoder {

    private static final int REMEMBERED_TOKENS = 20_000;
    private static final int REMEMBERED_MINUTES = 5;

    private final JwtDecoder verifier;
    private final JwtTimestampValidator timestamps;
    private final Cache<String, Jwt> verified = Caffeine.newBuilder()
            .maximumSize(REMEMBERED_TOKENS)
            .expireAfterWrite(Duration.ofMinutes(REMEMBERED_MINUTES))
            .build();

    /**
     * @param verifier the full verification (signature, then claims)
     * @param timestamps the expiry check, which the verifier must also run, so that both agree on the time
     */
    VerifiedTokens(JwtDecoder verifier, JwtTimestampValidator timestamps) {
        this.verifier = verifier;
        this.timestamps = timestamps;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            if (!timestamps.validate(known).hasErrors()) {
                return known;
            }
            verified.invalidate(token);
        }
        // throws for a bad signature, a malformed token or failed claims; nothing is remembered then
        Jwt jwt = verifier.decode(token);
        verified.put(token, jwt);
        return jwt;
    }
}
