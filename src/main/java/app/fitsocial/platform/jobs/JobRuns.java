package app.fitsocial.platform.jobs;

import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.modulith.NamedInterface;

/**
 * Measures the runs of the service's jobs under one naming scheme: {@code fitsocial.jobs.runs}
 * (a timer tagged {@code job} and {@code outcome} = success or failure) and
 * {@code fitsocial.jobs.items} (what the runs processed), plus one log line per run that did
 * something (runs with nothing to do log at debug level). JobRunr's
 * own meters ({@code jobrunr.jobs.by-state}) count retries and failed jobs across the cluster.
 */
@Component
@NamedInterface("jobs")
public class JobRuns {

    private static final Logger log = LoggerFactory.getLogger(JobRuns.class);

    private final MeterRegistry registry;

    JobRuns(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The measured runs of one job; its meters exist (at zero) from this call on, before its first run. */
    public Measured of(String job) {
        return new Measured(job, timer(job, "success"), timer(job, "failure"),
                Counter.builder("fitsocial.jobs.items").description("Items the service's jobs processed")
                        .tag("job", job).register(registry));
    }

    private Timer timer(String job, String outcome) {
        return Timer.builder("fitsocial.jobs.runs").description("Runs of the service's jobs")
                .tag("job", job).tag("outcome", outcome).register(registry);
    }

    /** Runs of one job. */
    public static final class Measured {

        private final String job;
        private final Timer succeeded;
        private final Timer failed;
        private final Counter items;

        private Measured(String job, Timer succeeded, Timer failed, Counter items) {
            this.job = job;
            this.succeeded = succeeded;
            this.failed = failed;
            this.items = items;
        }

        /**
         * Runs one execution, timing it and counting the items it reports having processed. A
         * failure is timed and counted as such and rethrown, so JobRunr retries the job.
         */
        public int run(IntSupplier work) {
            long start = System.nanoTime();
            try {
                int processed = work.getAsInt();
                long nanos = System.nanoTime() - start;
                succeeded.record(nanos, TimeUnit.NANOSECONDS);
                items.increment(processed);
                // idle runs of the frequent jobs would drown the log
                (processed > 0 ? log.atInfo() : log.atDebug())
                        .log("Job {} processed {} items in {} ms", job, processed, nanos / 1_000_000);
                return processed;
            }
            catch (RuntimeException | Error failure) {
                long nanos = System.nanoTime() - start;
                failed.record(nanos, TimeUnit.NANOSECONDS);
                log.warn("Job {} failed after {} ms: {}", job, nanos / 1_000_000, failure.toString());
                throw failure;
            }
        }
    }
}
