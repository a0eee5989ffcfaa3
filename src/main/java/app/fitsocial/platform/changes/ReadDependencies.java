package app.fitsocial.platform.changes;

import java.util.HashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What the work on the current thread has read, while recording is on: the tables of its SQL
 * statements (recorded by {@link TableAccessRecorder}) and any other data names a component
 * reports with {@link #record}. A request records between {@link #start()} and {@link #stop()}
 * and stores the result beside what it derived, with the {@link DataVersions} of those names.
 */
public final class ReadDependencies {

    private static final ThreadLocal<@Nullable Set<String>> RECORDING = new ThreadLocal<>();
    private static final ThreadLocal<@Nullable Runnable> BEFORE_FIRST_READ = new ThreadLocal<>();

    private ReadDependencies() {
    }

    /** Starts recording on this thread, forgetting anything recorded before. */
    public static void start() {
        start(null);
    }

    /**
     * Starts recording, with a step that must complete before the thread reads any data (run
     * once, before its first SQL statement): waiting for the data versions the reads will be
     * stamped with, so that they are known to be older than what is read.
     */
    public static void start(@Nullable Runnable beforeFirstRead) {
        RECORDING.set(new HashSet<>());
        BEFORE_FIRST_READ.set(beforeFirstRead);
    }

    /** Runs the step registered with {@link #start(Runnable)}, if it has not run yet. */
    public static void beforeRead() {
        Runnable step = BEFORE_FIRST_READ.get();
        if (step != null) {
            BEFORE_FIRST_READ.remove();
            step.run();
        }
    }

    /** Stops recording and returns what was read since {@link #start()} (empty if it was not started). */
    public static Set<String> stop() {
        Set<String> recorded = RECORDING.get();
        RECORDING.remove();
        BEFORE_FIRST_READ.remove();
        return recorded == null ? Set.of() : recorded;
    }

    /** Records that the current work read the named data; ignored when nothing is recording. */
    public static void record(String name) {
        Set<String> recorded = RECORDING.get();
        if (recorded != null) {
            recorded.add(name);
        }
    }

    /** What a piece of work reads, recorded apart (and also for the enclosing recording, if any). */
    public record Captured<T>(T value, Set<String> names) {
    }

    /**
     * Runs {@code work} recording what it reads separately, e.g. to store it with a cached value so
     * that a later hit can report the same dependencies.
     */
    public static <T> Captured<T> capture(java.util.function.Supplier<T> work) {
        Set<String> outer = RECORDING.get();
        Set<String> inner = new HashSet<>();
        RECORDING.set(inner);
        try {
            return new Captured<>(work.get(), Set.copyOf(inner));
        }
        finally {
            if (outer != null) {
                outer.addAll(inner);
            }
            RECORDING.set(outer);
        }
    }

    /** Records several names at once (see {@link #record}). */
    public static void recordAll(Set<String> names) {
        Set<String> recorded = RECORDING.get();
        if (recorded != null) {
            recorded.addAll(names);
        }
    }
}
