package app.fitsocial.platform.web.conditional;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ETag;

/**
 * What the preconditions of a request are evaluated against: the validators of the selected
 * representation as the service knows them now.
 *
 * @param exists whether the resource has a current representation (for {@code *})
 * @param etag its entity tag, {@code null} when it has none (a resource without a GET)
 * @param lastModified its last modification (epoch seconds), {@code null} when it has none
 * @param lastModifiedKnown false when it has one but the service cannot tell it right now (the
 *        shared versions are unavailable or behind the data): date preconditions then fail safe
 */
public record CurrentRepresentation(boolean exists, @Nullable ETag etag, @Nullable Long lastModified,
        boolean lastModifiedKnown) {

    /** A representation with a tag and, if known, a last modification. */
    public static CurrentRepresentation of(ETag etag, @Nullable Long lastModified, boolean lastModifiedKnown) {
        return new CurrentRepresentation(true, etag, lastModified, lastModifiedKnown);
    }

    /** A representation tagged by its content, without a modification date. */
    public static CurrentRepresentation tagged(ETag etag) {
        return new CurrentRepresentation(true, etag, null, true);
    }

    /** A resource that exists but has no representation of its own to tag (a follow, a booking). */
    public static CurrentRepresentation untagged() {
        return new CurrentRepresentation(true, null, null, true);
    }
}
