package app.fitsocial.reviews;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.annotations.Recurring;
import org.springframework.stereotype.Component;

import app.fitsocial.platform.jobs.JobRuns;

/**
 * The rating aggregation job: every {@code fitsocial.jobs.rating-aggregation-interval} (15 min)
 * recomputes the aggregates of the classes and providers whose reviews changed since the last
 * run. A JobRunr recurring job, so one run per period across all instances, retried on failure.
 */
@Component
public class RatingAggregation {

    static final String JOB_ID = "rating-aggregation";

    private final RatingAggregates aggregates;
    private final JobRuns.Measured runs;

    RatingAggregation(RatingAggregates aggregates, JobRuns runs) {
        this.aggregates = aggregates;
        this.runs = runs.of(JOB_ID);
    }

    /** Recomputes the changed aggregates; returns how many. */
    @Recurring(id = JOB_ID, interval = "${fitsocial.jobs.rating-aggregation-interval:PT15M}")
    @Job(name = "Recompute changed rating aggregates")
    public int run() {
        return runs.run(aggregates::recomputeChanged);
    }
}
