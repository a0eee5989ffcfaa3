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
 * invalid token too). Verifies the token exactly as the resource server does, once per request:
 * the answer is kept on the request for the filters that ask after the first.
 */
@Component
public class BearerTokens {

    private static final String PREFIX = "Bearer ";
    private static final String ATTRIBUTE = BearerTokens.class.getName() + ".user";

    private final JwtDecoder decoder;

    BearerTokens(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    /** The user id of a valid access token on the request; empty when there is none or it is invalid. */
    @SuppressWarnings("unchecked")
    public Optional<Long> userOf(HttpServletRequest request) {
        Object known = request.getAttribute(ATTRIBUTE);
        if (known instanceof Optional<?> user) {
            return (Optional<Long>) user;
        }
        Optional<Long> user = decode(request);
        request.setAttribute(ATTRIBUTE, user);
        return user;
    }

    private Optional<Long> decode(HttpServletRequest request) {
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
