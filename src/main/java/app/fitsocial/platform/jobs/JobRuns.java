package app.fitsocial.platform.jobs;

import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Measures the runs of the service's jobs under one naming scheme: {@code fitsocial.jobs.runs}
 * (a timer tagged {@code job} and {@code outcome} = success or failure) and
 * {@code fitsocial.jobs.items} (what the runs processed), plus one log line per run. JobRunr's
 * own meters ({@code jobrunr.jobs.by-state}) count retries and failed jobs across the cluster.
 */
@Component
public class JobRuns {

    private static final Logger log = LoggerFactory.getLogger(JobRuns.class);

    private final MeterRegistry registry;

    JobRuns(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Runs one execution of a job, timing it and counting the items it reports having processed.
     * A failure is timed and counted as such and rethrown, so JobRunr retries the job.
     */
    public int run(String job, IntSupplier work) {
        long start = System.nanoTime();
        try {
            int items = work.getAsInt();
            long nanos = System.nanoTime() - start;
            timer(job, "success").record(nanos, TimeUnit.NANOSECONDS);
            items(job).increment(items);
            log.info("Job {} processed {} items in {} ms", job, items, nanos / 1_000_000);
            return items;
        }
        catch (RuntimeException | Error failure) {
            timer(job, "failure").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            log.warn("Job {} failed after {} ms: {}", job, (System.nanoTime() - start) / 1_000_000, failure.toString());
            throw failure;
        }
    }

    private Timer timer(String job, String outcome) {
        return Timer.builder("fitsocial.jobs.runs").description("Runs of the service's jobs")
                .tag("job", job).tag("outcome", outcome).register(registry);
    }

    private Counter items(String job) {
        return Counter.builder("fitsocial.jobs.items").description("Items the service's jobs processed")
                .tag("job", job).register(registry);
    }
}
