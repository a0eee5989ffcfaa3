package app.fitsocial.platform.web.conditional;

import java.time.Instant;
import java.util.List;

import org.springframework.http.ETag;

/**
 * RFC 9110 section 13.2.2, the one evaluation of preconditions of the service, used for 304s
 * before a handler runs, for 304s and 412s after it, and for 412s of writes under their row lock:
 * <ol>
 * <li>{@code If-Match}: false (no tag matches, compared as strong) is a 412;</li>
 * <li>otherwise {@code If-Unmodified-Since}: modified after the date is a 412;</li>
 * <li>{@code If-None-Match}: a tag matches (compared weakly), or {@code *} and the resource exists,
 * is a 304 for GET and HEAD and a 412 for anything else;</li>
 * <li>otherwise, for GET and HEAD, {@code If-Modified-Since}: not modified after the date is a 304.</li>
 * </ol>
 * Where the service cannot tell a last modification, a date condition fails safe: a read is
 * answered in full, a write is refused. An {@code If-Modified-Since} later than the server's clock
 * is ignored (the client cannot have seen the future).
 *
 * <p>Why an answer was a 304 (or a 412): it is decided here, for every request, from the
 * request's conditions ({@link RequestConditions}) and the current representation's validators
 * ({@link CurrentRepresentation}). The callers, each with the tag it compares:
 * <ul>
 * <li>{@link VersionTaggedReads}: endpoints marked {@link VersionTagged}. Before the handler, a
 * request that only revalidates ({@code If-None-Match} / {@code If-Modified-Since}) is answered
 * from the resource's version in Redis, without SQL; when the version is unknown, or the request
 * has other conditions, after the handler, from the version the data was read at;</li>
 * <li>{@link ContentTagFilter}: every other GET, after the handler, from the JSON's digest;</li>
 * <li>{@link WritePreconditions}: writes, under the row lock, from the row's version.</li>
 * </ul>
 * A tag is made for one caller, path and {@code ?fields=} selection ({@link RepresentationTags}),
 * so another user, no token, another selection or a changed resource never matches: a 200.
 *
 * <p>The service's tags are sent weak ({@code W/}) only because the same representation goes out
 * compressed or not; they change with every change of the representation, so {@code If-Match}
 * compares their opaque part, which is RFC 9110's strong comparison of the tags the service made.
 */
public final class Preconditions {

    /** What a request's preconditions decide. */
    public enum Outcome {
        /** Go on and answer as if there were no preconditions. */
        PROCEED,
        /** 304 Not Modified (GET and HEAD only). */
        NOT_MODIFIED,
        /** 412 Precondition Failed. */
        PRECONDITION_FAILED
    }

    private Preconditions() {
    }

    public static Outcome evaluate(RequestConditions conditions, CurrentRepresentation current, boolean safeMethod,
            Instant now) {
        if (conditions.ifMatch() != null) {
            if (!matchesStrongly(conditions.ifMatch(), current)) {
                return Outcome.PRECONDITION_FAILED;
            }
        }
        else if (conditions.ifUnmodifiedSince() != null && current.exists()
                && (current.lastModified() != null || !current.lastModifiedKnown())) {
            if (!current.lastModifiedKnown()) {
                return safeMethod ? Outcome.PROCEED : Outcome.PRECONDITION_FAILED;
            }
            if (current.lastModified() > conditions.ifUnmodifiedSince()) {
                return Outcome.PRECONDITION_FAILED;
            }
        }
        if (conditions.ifNoneMatch() != null) {
            if (matchesWeakly(conditions.ifNoneMatch(), current)) {
                return safeMethod ? Outcome.NOT_MODIFIED : Outcome.PRECONDITION_FAILED;
            }
            return Outcome.PROCEED;
        }
        if (safeMethod && conditions.ifModifiedSince() != null && current.lastModified() != null
                && current.lastModifiedKnown() && conditions.ifModifiedSince() <= now.getEpochSecond()
                && current.lastModified() <= conditions.ifModifiedSince()) {
            return Outcome.NOT_MODIFIED;
        }
        return Outcome.PROCEED;
    }

    private static boolean matchesStrongly(List<ETag> offered, CurrentRepresentation current) {
        for (ETag tag : offered) {
            if (tag.isWildcard() ? current.exists() : current.etag() != null && tag.tag().equals(current.etag().tag())) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesWeakly(List<ETag> offered, CurrentRepresentation current) {
        for (ETag tag : offered) {
            if (tag.isWildcard() ? current.exists() : current.etag() != null && tag.compare(current.etag(), false)) {
                return true;
            }
        }
        return false;
    }
}
