package app.fitsocial.platform.web.conditional;

import java.io.IOException;
import java.time.Clock;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ETag;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

import app.fitsocial.platform.changes.ReadDependencies;

/**
 * Conditional GETs of the API. Every 200 gets an {@code ETag} (its JSON's digest for its caller)
 * and, for single resources, a {@code Last-Modified}; both are remembered in
 * {@link ResponseValidators} with the versions of the tables the response was read from.
 *
 * <p>A request with {@code If-None-Match} or {@code If-Modified-Since} is first checked against
 * that memory: if the data has not changed and the client's copy is current, the answer is a 304
 * before any handler runs, without a single SQL statement. Otherwise the handler runs and the
 * check is made against the fresh tag, which still saves the bytes on the wire. Runs after Spring
 * Security, so only a caller entitled to the resource ever gets a 304.
 */
class ConditionalGetFilter extends OncePerRequestFilter {

    static final String CACHE_CONTROL = "private, no-cache";

    private final ResponseValidators validators;
    private final Clock clock;

    ConditionalGetFilter(ResponseValidators validators, Clock clock) {
        this.validators = validators;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !("GET".equals(method) || "HEAD".equals(method)) || !request.getRequestURI().startsWith("/api/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String scope = RepresentationTag.scope();
        String key = ResponseValidators.keyOf(scope, request);
        ResponseValidators.PendingLookup pending = validators.lookup(key);
        // the versions must be read before the data; the handler waits for them only at its
        // first SQL statement, by when they are usually back
        ReadDependencies.start(pending::await);
        try {
            if (isConditional(request)) {
                ResponseValidators.Lookup lookup = pending.await();
                ResponseValidators.Validator known = lookup == null ? null : lookup.current();
                if (known != null && notModified(request, known.etag(), known.lastModified())) {
                    writeHeaders(response, known.etag(), known.lastModified());
                    response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                    return;
                }
            }
            chain.doFilter(request, response);
            Set<String> read = ReadDependencies.stop();
            ResponseValidators.Lookup lookup = pending.await();
            ContentCachingResponseWrapper body = WebUtils.getNativeResponse(response, ContentCachingResponseWrapper.class);
            if (response.getStatus() != HttpServletResponse.SC_OK || body == null) {
                return;
            }
            ETag etag = RepresentationTag.of(scope, body.getContentAsByteArray());
            long lastModified = RepresentationKindAdvice.isList(request) ? 0 : lastModified(lookup, etag);
            if (lookup != null) {
                var validator = new ResponseValidators.Validator(etag, lastModified, lookup.versions().stamp(read));
                if (!validator.equals(lookup.stored())) {
                    validators.store(key, validator);
                }
            }
            writeHeaders(response, etag, lastModified);
            if (notModified(request, etag, lastModified)) {
                body.resetBuffer();
                response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            }
        }
        finally {
            ReadDependencies.stop();
        }
    }

    /**
     * When the representation last changed, to the second: kept from the stored validator while
     * the tag is the same, otherwise now, and always later than the previous value so that two
     * changes within one second still tell apart.
     */
    private long lastModified(ResponseValidators.@Nullable Lookup lookup, ETag etag) {
        long now = clock.instant().getEpochSecond();
        ResponseValidators.Validator previous = lookup == null ? null : lookup.stored();
        if (previous == null || previous.lastModified() <= 0) {
            return now;
        }
        if (previous.etag().equals(etag)) {
            return previous.lastModified();
        }
        return Math.max(now, previous.lastModified() + 1);
    }

    private static boolean isConditional(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.IF_NONE_MATCH) != null
                || request.getHeader(HttpHeaders.IF_MODIFIED_SINCE) != null;
    }

    /** RFC 9110 section 13.2.2: If-None-Match decides when present, If-Modified-Since otherwise. */
    static boolean notModified(HttpServletRequest request, ETag etag, long lastModified) {
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            return RepresentationTag.matchesAny(ifNoneMatch, etag);
        }
        if (lastModified <= 0) {
            return false;
        }
        long since;
        try {
            since = request.getDateHeader(HttpHeaders.IF_MODIFIED_SINCE);
        }
        catch (IllegalArgumentException unparsable) {
            return false;
        }
        return since >= 0 && lastModified * 1000 <= since;
    }

    private static void writeHeaders(HttpServletResponse response, ETag etag, long lastModified) {
        response.setHeader(HttpHeaders.ETAG, etag.formattedTag());
        response.setHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        if (lastModified > 0) {
            response.setDateHeader(HttpHeaders.LAST_MODIFIED, lastModified * 1000);
        }
    }
}
