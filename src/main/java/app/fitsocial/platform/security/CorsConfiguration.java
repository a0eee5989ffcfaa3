package app.fitsocial.platform.security;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import app.fitsocial.platform.web.ProblemException;
import app.fitsocial.platform.web.ProblemWriter;
import app.fitsocial.platform.web.WebSettings;

/**
 * Which browser origins may call the API ({@code CORS_ALLOWED_ORIGINS}, none by default): the
 * methods and request headers the API uses, the response headers a client needs to read (tags,
 * links, limits), no cookies (the API's credentials are bearer tokens). The filter runs early in
 * the HTTP pipeline ({@code platform.web.HttpPipeline}), before the JSON-only check, the rate
 * limiter and authentication: every preflight is answered there, allowed or not, so none is
 * counted by a limit, and every answer to an allowed origin, refusals included, carries the CORS
 * headers a browser needs to let the page read it (docs/http.md).
 */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration {

    static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    static final List<String> REQUEST_HEADERS = List.of("Authorization", "Content-Type", "Accept", "If-Match",
            "If-None-Match", "If-Modified-Since", "If-Unmodified-Since", "Idempotency-Key", "X-Request-Id");
    static final List<String> EXPOSED_HEADERS = List.of("ETag", "Last-Modified", "Link", "Location", "Retry-After",
            "RateLimit", "RateLimit-Policy", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset",
            "X-Request-Id", "Idempotent-Replayed");

    /** Refuses with a problem detail instead of a plain-text "Invalid CORS request". */
    @Bean
    CorsFilter corsFilter(UrlBasedCorsConfigurationSource corsConfigurationSource, ProblemWriter problems) {
        DefaultCorsProcessor headersOnly = new DefaultCorsProcessor() {
            @Override
            protected void rejectRequest(ServerHttpResponse response) {
                // the problem is written below, with the request at hand
            }
        };
        CorsFilter filter = new CorsFilter(corsConfigurationSource);
        filter.setCorsProcessor((configuration, request, response) -> {
            if (headersOnly.processRequest(configuration, request, response)) {
                return true;
            }
            problems.write(request, response, ProblemException.problem(HttpStatus.FORBIDDEN, "cors-rejected",
                    "Origin not allowed", "This origin, method or header may not call the API from a browser"));
            return false;
        });
        return filter;
    }

    @Bean
    UrlBasedCorsConfigurationSource corsConfigurationSource(WebSettings settings) {
        var cors = new org.springframework.web.cors.CorsConfiguration();
        cors.setAllowedOrigins(settings.cors().allowedOrigins().stream().filter(origin -> !origin.isBlank())
                .map(String::strip).toList());
        cors.setAllowedMethods(METHODS);
        cors.setAllowedHeaders(REQUEST_HEADERS);
        cors.setExposedHeaders(EXPOSED_HEADERS);
        cors.setAllowCredentials(false);
        cors.setMaxAge(settings.cors().maxAge());
        var source = new UrlBasedCorsConfigurationSource();
        // registered even with no origin allowed, so every preflight is answered (403) before anything else runs
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }
}
