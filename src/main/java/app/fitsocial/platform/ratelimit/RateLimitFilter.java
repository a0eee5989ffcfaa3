package app.fitsocial.platform.ratelimit;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import app.fitsocial.platform.security.BearerTokens;
import app.fitsocial.platform.web.ClientAddresses;
import app.fitsocial.platform.web.ProblemException;
import app.fitsocial.platform.web.ProblemWriter;

/**
 * Applies the rate limits to every request under {@code /api/v1/}: one token from the bucket of
 * each matching rule and of the default rule, keyed by user or client address. Every answer
 * carries {@code RateLimit-Policy} and {@code RateLimit} (IETF draft) and the
 * {@code X-RateLimit-*} headers for the rule closest to exhaustion; over a limit the answer is a
 * 429 problem with {@code Retry-After}. A 304 gives its tokens back: revalidating costs no quota.
 * All of a request's buckets are taken in one call to Redis ({@link RedisBuckets}).
 * It runs before Spring Security, so that 401s are counted (by client address) and carry the
 * headers too; the user of a valid token is read with {@link BearerTokens}.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimitRules rules;
    private final RateLimiter limiter;
    private final ClientAddresses clients;
    private final RaisedClients raised;
    private final BearerTokens tokens;
    private final ProblemWriter problems;

    RateLimitFilter(RateLimitRules rules, RateLimiter limiter, ClientAddresses clients, RaisedClients raised,
            BearerTokens tokens, ProblemWriter problems) {
        this.tokens = tokens;
        this.rules = rules;
        this.limiter = limiter;
        this.clients = clients;
        this.raised = raised;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<RateLimitSettings.Rule> applicable = rules.matching(request);
        if (applicable.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        String address = clients.of(request);
        // runs before Spring Security, so requests with a missing or invalid token are limited too
        Long userId = tokens.userOf(request).orElse(null);
        List<RateLimiter.Probe> probes = limiter.consume(applicable, address, userId, raised.factorFor(address, userId));
        if (probes == null) {
            chain.doFilter(request, response);
            return;
        }
        if (probes.isEmpty()) {
            problems.write(request, response, new ProblemException(HttpStatus.SERVICE_UNAVAILABLE,
                    "rate-limit-unavailable", "Rate limits unavailable",
                    "Rate limits cannot be checked right now; retry shortly"));
            return;
        }
        List<RateLimiter.Probe> rejected = probes.stream().filter(p -> !p.consumed()).toList();
        if (!rejected.isEmpty()) {
            // the buckets are taken all or nothing: a refused request took no token from any rule
            RateLimiter.Probe binding = rejected.stream()
                    .max(Comparator.comparingLong(RateLimiter.Probe::nanosToRefill)).orElseThrow();
            problems.write(request, response, new TooManyRequests(binding, "rate-limited", "Too many requests",
                    "The limit '" + binding.rule().name() + "' of " + binding.capacity() + " requests per "
                            + binding.rule().period().toSeconds() + " s is used up; retry in "
                            + TooManyRequests.retryAfterSeconds(binding) + " s"));
            return;
        }
        RateLimiter.Probe closest = closestToExhaustion(probes);
        writeHeaders(response, closest);
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_NOT_MODIFIED) {
            probes.forEach(p -> p.giveBack().run());
            writeHeaders(response, new RateLimiter.Probe(closest.rule(), closest.capacity(), true,
                    Math.min(closest.capacity(), closest.remaining() + 1), closest.nanosToRefill(), closest.nanosToReset(),
                    closest.giveBack()));
        }
        else if (response.getStatus() == HttpStatus.TOO_MANY_REQUESTS.value()) {
            // refused further in (the login throttle): a refused request uses up no bucket here
            // either; its headers describe the rule that refused it, so they stay
            probes.forEach(p -> p.giveBack().run());
        }
    }

    private static RateLimiter.Probe closestToExhaustion(List<RateLimiter.Probe> probes) {
        return probes.stream()
                .min(Comparator.comparingDouble(p -> (double) p.remaining() / p.capacity()))
                .orElseThrow();
    }

    private static void writeHeaders(HttpServletResponse response, RateLimiter.Probe probe) {
        RateLimitHeaders.write(response::setHeader, probe.rule().name(), probe.capacity(),
                probe.rule().period().toSeconds(), probe.remaining(), RateLimitHeaders.ceilSeconds(probe.nanosToReset()));
    }
}
