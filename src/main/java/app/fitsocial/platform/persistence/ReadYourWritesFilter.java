package app.fitsocial.platform.persistence;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

import app.fitsocial.platform.security.BearerTokens;

/**
 * Read-your-writes with replicas: a user's successful write is remembered in Redis for
 * {@code read-your-writes-window} (so on every instance), and while it is, that user's reads go
 * to the primary; the write request itself reads from the primary too. Without Redis the answer
 * is the primary, which is always right, only busier.
 */
public class ReadYourWritesFilter extends OncePerRequestFilter {

    private static final String PREFIX = "fitsocial:v1:recent-writer:";

    private final BearerTokens tokens;
    private final StringRedisTemplate redis;
    private final Duration window;

    ReadYourWritesFilter(BearerTokens tokens, StringRedisTemplate redis, Duration window) {
        this.tokens = tokens;
        this.redis = redis;
        this.window = window;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean write = !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()));
        Long user = tokens.userOf(request).orElse(null);
        if (write || (user != null && wroteRecently(user))) {
            PrimaryReads.require();
        }
        try {
            chain.doFilter(request, response);
        }
        finally {
            PrimaryReads.clear();
        }
        if (write && user != null && response.getStatus() < 400) {
            try {
                redis.opsForValue().set(PREFIX + user, "1", window);
            }
            catch (RuntimeException redisDown) {
                // the next reads of this user may come from a lagging replica for up to its lag
            }
        }
    }

    private boolean wroteRecently(long user) {
        try {
            return Boolean.TRUE.equals(redis.hasKey(PREFIX + user));
        }
        catch (RuntimeException redisDown) {
            return true;
        }
    }
}
