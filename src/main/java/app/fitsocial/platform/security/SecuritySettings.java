package app.fitsocial.platform.security;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.springframework.modulith.NamedInterface;

/**
 * Token settings.
 *
 * @param jwtSecret HMAC-SHA256 key for access tokens, at least 32 bytes ({@code JWT_SECRET}). The
 *        development default starts with {@code insecure-}; the {@code prod} profile refuses it.
 * @param issuer {@code iss} claim of issued access tokens
 * @param accessTokenTtl lifetime of an access token
 * @param refreshTokenTtl lifetime of a refresh token (each use rotates it)
 */
@Validated
@ConfigurationProperties("fitsocial.security")
@NamedInterface("security")
public record SecuritySettings(
        @NotBlank String jwtSecret,
        @DefaultValue("fitsocial") String issuer,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl) {

    /** Prefix of the development default secret, which production refuses. */
    static final String INSECURE_PREFIX = "insecure-";
    static final int MIN_SECRET_BYTES = 32;
}
