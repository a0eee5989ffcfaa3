package app.fitsocial.platform.versions;

/**
 * The current version of a resource, as the shared version store holds it.
 *
 * @param number the version: the row version of a row-backed resource (the number the database
 *        row carries), or the counter of a collection; it only ever grows
 * @param lastModified when the change that produced this version was committed, in epoch seconds,
 *        rounded so that every version of a resource has a later second than the one before
 */
public record Version(long number, long lastModified) {

    static Version parse(String stored) {
        int colon = stored.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("not a version: " + stored);
        }
        return new Version(Long.parseLong(stored.substring(0, colon)), Long.parseLong(stored.substring(colon + 1)));
    }
}
