package app.fitsocial.platform.web.conditional;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ETag;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

import app.fitsocial.platform.web.ProblemWriter;

/**
 * Conditional GETs of every answer that is not {@link VersionTagged}: the handler runs, and its
 * JSON's digest is the tag ({@link RepresentationTags#ofContent}), so a revalidation of an
 * unchanged answer saves the bytes on the wire, not the work ({@code WebRequest.checkNotModified}
 * semantics). These answers carry no {@code Last-Modified}: their data has none a later answer
 * could not contradict (a list loses its newest item, a name changes inside it).
 */
public class ContentTagFilter extends OncePerRequestFilter {

    private final Clock clock;
    private final ProblemWriter problems;

    public ContentTagFilter(Clock clock, ProblemWriter problems) {
        this.clock = clock;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        ContentCachingResponseWrapper body = WebUtils.getNativeResponse(response, ContentCachingResponseWrapper.class);
        if (response.getStatus() != HttpServletResponse.SC_OK || body == null || response.getHeader(HttpHeaders.ETAG) != null) {
            return;
        }
        ETag etag = RepresentationTags.ofContent(body.getContentAsByteArray());
        Validators.write(response, etag, null, clock);
        switch (Preconditions.evaluate(RequestConditions.of(request), CurrentRepresentation.tagged(etag), true,
                clock.instant())) {
            case NOT_MODIFIED -> {
                body.resetBuffer();
                response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            }
            case PRECONDITION_FAILED -> {
                body.reset();
                problems.write(request, response, Validators.preconditionFailed());
            }
            case PROCEED -> {
            }
        }
    }
}
