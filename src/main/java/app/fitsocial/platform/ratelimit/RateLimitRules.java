package app.fitsocial.platform.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** The configured rules, compiled: which of them a request counts against (the default always). */
class RateLimitRules {

    /** A rule and its compiled path pattern. */
    record Compiled(RateLimitSettings.Rule rule, PathPattern pattern) {

        boolean matches(String method, PathContainer path) {
            return (rule.methods().isEmpty() || rule.methods().contains(method)) && pattern.matches(path);
        }
    }

    private final List<Compiled> specific;
    private final Compiled fallback;

    RateLimitRules(RateLimitSettings settings) {
        PathPatternParser parser = new PathPatternParser();
        this.specific = settings.rules().stream()
                .map(rule -> new Compiled(upperCaseMethods(rule), parser.parse(rule.pattern())))
                .toList();
        RateLimitSettings.Rule fallbackRule = settings.effectiveDefaultRule();
        this.fallback = new Compiled(fallbackRule, parser.parse(fallbackRule.pattern()));
    }

    /** The rules a request counts against, the default last; empty when it is outside the default's paths. */
    List<RateLimitSettings.Rule> matching(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(request.getRequestURI());
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        if (!fallback.matches(method, path)) {
            return List.of();
        }
        List<RateLimitSettings.Rule> matched = new ArrayList<>(2);
        for (Compiled rule : specific) {
            if (rule.matches(method, path)) {
                matched.add(rule.rule());
            }
        }
        matched.add(fallback.rule());
        return matched;
    }

    private static RateLimitSettings.Rule upperCaseMethods(RateLimitSettings.Rule rule) {
        return new RateLimitSettings.Rule(rule.name(), rule.pattern(),
                rule.methods().stream().map(m -> m.toUpperCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet()),
                rule.capacity(), rule.period(), rule.key());
    }
}
