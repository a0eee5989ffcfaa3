package app.fitsocial.reviews;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.annotations.Recurring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The rating aggregation job: every {@code fitsocial.jobs.rating-aggregation-interval} (15 min)
 * recomputes the aggregates of the classes and providers whose reviews changed since the last
 * run. A JobRunr recurring job, so one run per period across all instances, retried on failure.
 */
@Component
public class RatingAggregation {

    static final String JOB_ID = "rating-aggregation";
    private static final Logger log = LoggerFactory.getLogger(RatingAggregation.class);

    private final RatingAggregates aggregates;
    private final Timer runs;
    private final MeterRegistry registry;

    RatingAggregation(RatingAggregates aggregates, MeterRegistry registry) {
        this.aggregates = aggregates;
        this.registry = registry;
        this.runs = Timer.builder("fitsocial.jobs.runs").tag("job", JOB_ID).description("Runs of a job")
                .register(registry);
    }

    /** Recomputes the changed aggregates; returns how many. */
    @Recurring(id = JOB_ID, interval = "${fitsocial.jobs.rating-aggregation-interval:PT15M}")
    @Job(name = "Recompute changed rating aggregates")
    public int run() {
        long start = System.nanoTime();
        int recomputed = aggregates.recomputeChanged();
        runs.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        registry.counter("fitsocial.jobs.items", "job", JOB_ID).increment(recomputed);
        log.info("Recomputed {} rating aggregates in {} ms", recomputed, (System.nanoTime() - start) / 1_000_000);
        return recomputed;
    }
}
