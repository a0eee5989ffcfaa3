package app.fitsocial.platform.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import app.fitsocial.platform.web.ProblemException;
import app.fitsocial.platform.web.ProblemWriter;
import app.fitsocial.platform.web.WebSettings;

/**
 * Which browser origins may call the API ({@code CORS_ALLOWED_ORIGINS}, none by default): the
 * methods and request headers the API uses, the response headers a client needs to read (tags,
 * links, limits), no cookies (the API's credentials are bearer tokens). Spring Security answers
 * every preflight before authentication, allowed or not, and the rate limiter does not count
 * preflights (docs/http.md).
 */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration {

    static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    static final List<String> REQUEST_HEADERS = List.of("Authorization", "Content-Type", "Accept", "If-Match",
            "If-None-Match", "If-Modified-Since", "If-Unmodified-Since", "Idempotency-Key", "X-Request-Id");
    static final List<String> EXPOSED_HEADERS = List.of("ETag", "Last-Modified", "Link", "Location", "Retry-After",
            "RateLimit", "RateLimit-Policy", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset",
            "X-Request-Id", "Idempotent-Replayed");

    /**
     * The filter Spring Security puts in its chain (it takes a bean named {@code corsFilter}),
     * refusing with a problem detail instead of a plain-text "Invalid CORS request".
     */
    @Bean
    CorsFilter corsFilter(UrlBasedCorsConfigurationSource corsConfigurationSource, ProblemWriter problems) {
        CorsFilter filter = new CorsFilter(corsConfigurationSource);
        filter.setCorsProcessor(new DefaultCorsProcessor() {
            @Override
            protected void rejectRequest(ServerHttpResponse response) throws IOException {
                // Spring's RequestContextFilter runs before the security chain, so the request is bound
                HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                        .getRequest();
                problems.write(request, ((ServletServerHttpResponse) response).getServletResponse(),
                        ProblemException.problem(HttpStatus.FORBIDDEN, "cors-rejected", "Origin not allowed",
                                "This origin, method or header may not call the API from a browser"));
            }
        });
        return filter;
    }

    /** Only in Spring Security's chain: not a second time as a servlet filter of its own. */
    @Bean
    FilterRegistrationBean<CorsFilter> corsFilterRegistration(CorsFilter corsFilter) {
        var registration = new FilterRegistrationBean<>(corsFilter);
        registration.setEnabled(false);
        return registration;
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
        // registered even with no origin allowed, so every preflight is answered (403) before authentication
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }
}
