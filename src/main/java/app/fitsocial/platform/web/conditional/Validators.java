package app.fitsocial.platform.web.conditional;

import java.time.Clock;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ETag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import app.fitsocial.platform.web.ProblemException;

/** Writes the validators of an answer, the same on a 200 and on its 304. */
final class Validators {

    /** Clients may keep answers but must revalidate them; no shared cache may store them (most are personal). */
    static final String CACHE_CONTROL = "private, no-cache";

    private Validators() {
    }

    /**
     * {@code ETag}, {@code Cache-Control} and, when known, {@code Last-Modified}: never later than
     * the answer's own time (RFC 9110 section 8.8.2.1), so a change committed within the current
     * second shows as the current second until that second is over.
     */
    static void write(HttpServletResponse response, ETag etag, @Nullable Long lastModified, Clock clock) {
        response.setHeader(HttpHeaders.ETAG, etag.formattedTag());
        response.setHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        if (lastModified != null) {
            response.setDateHeader(HttpHeaders.LAST_MODIFIED, clamped(lastModified, clock) * 1000);
        }
    }

    static void write(HttpHeaders headers, ETag etag, @Nullable Long lastModified, Clock clock) {
        headers.setETag(etag.formattedTag());
        headers.setCacheControl(CACHE_CONTROL);
        if (lastModified != null) {
            headers.setLastModified(clamped(lastModified, clock) * 1000);
        }
    }

    private static long clamped(long lastModified, Clock clock) {
        return Math.min(lastModified, clock.instant().getEpochSecond());
    }

    static ProblemException preconditionFailed() {
        return new ProblemException(HttpStatus.PRECONDITION_FAILED, "precondition-failed", "Precondition failed",
                "The resource is not in the state the request's preconditions name (If-Match, If-None-Match, "
                        + "If-Unmodified-Since); fetch it again and retry");
    }
}
