package app.fitsocial.platform.persistence;

/**
 * Whether the reads of the current request must go to the primary: set for the whole of a write
 * request, and for any request of a user who wrote within the read-your-writes window.
 */
final class PrimaryReads {

    private static final ThreadLocal<Boolean> REQUIRED = new ThreadLocal<>();

    private PrimaryReads() {
    }

    static boolean required() {
        return Boolean.TRUE.equals(REQUIRED.get());
    }

    static void require() {
        REQUIRED.set(Boolean.TRUE);
    }

    static void clear() {
        REQUIRED.remove();
    }
}
