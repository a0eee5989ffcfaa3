package app.fitsocial.platform.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import app.fitsocial.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The decoder that remembers verified tokens must refuse exactly what the full verification
 * refuses: a token it has seen, once expired; a token that differs from one it has seen in any
 * byte of its signature; a token of another issuer.
 */
class VerifiedTokensTests {

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256!";

    private final MovableClock clock = new MovableClock(Instant.now());
    private final SecuritySettings settings = new SecuritySettings(SECRET, "fitsocial", Duration.ofMinutes(15),
            Duration.ofDays(30));
    private final JwtDecoder decoder = new SecurityConfiguration().jwtDecoder(
            new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), settings, clock);

    private String token(String issuer, Instant expiresAt) {
        var key = new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(issuer).subject("42").issuedAt(clock.instant())
                .expiresAt(expiresAt).build();
        return new NimbusJwtEncoder(new ImmutableSecret<>(key))
                .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() {
        String token = token("fitsocial", clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(decoder.decode(token).getSubject()).isEqualTo("42");
        assertThat(decoder.decode(token).getSubject()).isEqualTo("42");
        // past expiry and the validator's 60 s of clock skew
        clock.advance(Duration.ofMinutes(16).plusSeconds(1));
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(token)).as("and stays refused").isInstanceOf(JwtException.class);
    }

    @Test
    void aTokenDifferingFromARememberedOneInItsSignatureIsRefused() {
        String token = token("fitsocial", clock.instant().plus(Duration.ofMinutes(15)));
        decoder.decode(token);
        char last = token.charAt(token.length() - 2);
        String forged = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
        assertThat(decoder.decode(token).getSubject()).as("the genuine one still works").isEqualTo("42");
    }

    @Test
    void aTokenOfAnotherIssuerIsRefusedEveryTime() {
        String token = token("someone-else", clock.instant().plus(Duration.ofMinutes(15)));
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
    }

    /** Expiry is judged by the service's clock alone, on the first decode as on later ones. */
    @Test
    void expiryFollowsTheServicesClockNotTheSystems() {
        clock.advance(Duration.ofHours(-2));
        String token = token("fitsocial", clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(decoder.decode(token).getSubject()).as("valid at the service's time, expired at the system's")
                .isEqualTo("42");
    }
}
