package app.fitsocial.platform.security;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * Reads the user of a request from its bearer token, for components that run before Spring
 * Security has authenticated the request (the rate limiter counts requests with a missing or
 * invalid token too). Verifies the token exactly as the resource server does.
 */
@Component
public class BearerTokens {

    private static final String PREFIX = "Bearer ";

    private final JwtDecoder decoder;

    BearerTokens(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    /** The user id of a valid access token on the request; empty when there is none or it is invalid. */
    public Optional<Long> userOf(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(decoder.decode(header.substring(PREFIX.length()).trim()).getSubject()));
        }
        catch (JwtException | NumberFormatException | NullPointerException invalid) {
            return Optional.empty();
        }
    }
}
