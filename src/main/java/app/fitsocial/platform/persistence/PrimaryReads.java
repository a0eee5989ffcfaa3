package app.fitsocial.platform.persistence;

import java.util.function.Supplier;

/**
 * Whether the reads of the current thread must go to the primary: for the whole of a write
 * request, for any request of a user who wrote within the read-your-writes window, and for every
 * read whose result is recorded with a version (cache fills, version-tagged answers), so that a
 * version never vouches for data from a replica older than it. Without replicas every read goes
 * to the primary anyway.
 */
public final class PrimaryReads {

    private static final ThreadLocal<Boolean> REQUIRED = new ThreadLocal<>();

    private PrimaryReads() {
    }

    /** Runs {@code reads} against the primary (their transactions must start inside it). */
    public static <T> T call(Supplier<T> reads) {
        if (!require()) {
            return reads.get();
        }
        try {
            return reads.get();
        }
        finally {
            clear();
        }
    }

    static boolean required() {
        return Boolean.TRUE.equals(REQUIRED.get());
    }

    /**
     * Sends the current thread's reads to the primary from now on; false when they already went
     * there (then the caller must leave {@link #clear()} to whoever required it first).
     */
    public static boolean require() {
        if (required()) {
            return false;
        }
        REQUIRED.set(Boolean.TRUE);
        return true;
    }

    /** Ends {@link #require()}. */
    public static void clear() {
        REQUIRED.remove();
    }
}
