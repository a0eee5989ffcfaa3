package app.fitsocial.platform.web;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API speaks JSON only, and says so before anything runs: a request whose {@code Accept}
 * admits no {@code application/json} gets {@code 406}, one that sends a body that is not JSON
 * ({@code application/json} or {@code application/*+json}, UTF-8) gets {@code 415}, both as
 * problem details. Nothing of the request has run then (no authentication, no idempotency record,
 * no handler, no write), so a client that retries with acceptable headers is never told a write
 * it cannot see happened, and a refusal is never replayed as an idempotent result. A client that
 * accepts only {@code application/problem+json} is refused too: a success is never labelled a
 * problem. It never sees a CORS preflight: the CORS filter before it answers every one.
 */
class JsonOnlyFilter extends OncePerRequestFilter {

    private static final MediaType JSON_SUFFIX = MediaType.parseMediaType("application/*+json");

    private final ProblemWriter problems;

    JsonOnlyFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!acceptsJson(Collections.list(request.getHeaders("Accept")))) {
            problems.write(request, response, ProblemException.problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable",
                    "Not acceptable", "This API answers in application/json only (errors in application/problem+json); "
                            + "send an Accept header that admits application/json, or none"));
            return;
        }
        if (hasBody(request) && !isJson(request.getContentType())) {
            problems.write(request, response, ProblemException.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Unsupported media type", "Request bodies must be JSON: Content-Type: application/json"));
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean acceptsJson(List<String> accept) {
        if (accept.isEmpty()) {
            return true;
        }
        try {
            for (MediaType type : MediaType.parseMediaTypes(accept)) {
                if (type.getQualityValue() > 0 && type.includes(MediaType.APPLICATION_JSON)) {
                    return true;
                }
            }
            return false;
        }
        catch (InvalidMediaTypeException malformed) {
            return false;
        }
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            Charset charset = type.getCharset();
            boolean json = MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type) || JSON_SUFFIX.includes(type);
            return json && (charset == null || StandardCharsets.UTF_8.equals(charset));
        }
        catch (IllegalArgumentException malformed) { // InvalidMediaTypeException or an unknown charset
            return false;
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }
}
