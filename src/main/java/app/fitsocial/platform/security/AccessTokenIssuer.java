package app.fitsocial.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;
import org.springframework.modulith.NamedInterface;

/** Issues signed JWT access tokens ({@code sub} = user id, {@code roles} claim). */
@Component
@NamedInterface("security")
public class AccessTokenIssuer {

    private final JwtEncoder encoder;
    private final SecuritySettings settings;
    private final Clock clock;

    AccessTokenIssuer(JwtEncoder encoder, SecuritySettings settings, Clock clock) {
        this.encoder = encoder;
        this.settings = settings;
        this.clock = clock;
    }

    /** A signed access token and its lifetime in seconds. */
    public record AccessToken(String value, long expiresInSeconds) {
    }

    public AccessToken issue(long userId, Collection<String> roles) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(settings.issuer())
                .subject(Long.toString(userId))
                .issuedAt(now)
                .expiresAt(now.plus(settings.accessTokenTtl()))
                .claim("roles", List.copyOf(roles))
                .build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new AccessToken(token, settings.accessTokenTtl().toSeconds());
    }
}
