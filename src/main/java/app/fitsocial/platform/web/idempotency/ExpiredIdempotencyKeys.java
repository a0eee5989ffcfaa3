package app.fitsocial.platform.web.idempotency;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.annotations.Recurring;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import app.fitsocial.platform.jobs.JobRuns;

/**
 * Deletes idempotency keys past their retention, every 15 minutes, as a JobRunr recurring job
 * (one run per period across all instances). Bounded work per run: batches of 10,000 rows,
 * at most 100 batches; what is left waits for the next run.
 */
@Component
public class ExpiredIdempotencyKeys {

    static final String JOB_ID = "idempotency-key-cleanup";
    private static final int BATCH = 10_000;
    private static final int MAX_BATCHES = 100;

    private final JdbcClient jdbc;
    private final JobRuns.Measured runs;

    ExpiredIdempotencyKeys(JdbcClient jdbc, JobRuns runs) {
        this.jdbc = jdbc;
        this.runs = runs.of(JOB_ID);
    }

    /** Deletes expired keys; returns how many. */
    @Recurring(id = JOB_ID, interval = "PT15M")
    @Job(name = "Delete expired idempotency keys")
    public int deleteExpired() {
        return runs.run(this::deleteInBatches);
    }

    private int deleteInBatches() {
        int deleted = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            int rows = jdbc.sql("""
                    DELETE FROM idempotency_keys WHERE ctid IN (
                        SELECT ctid FROM idempotency_keys WHERE expires_at < now() LIMIT :batch)""")
                    .param("batch", BATCH).update();
            deleted += rows;
            if (rows < BATCH) {
                break;
            }
        }
        return deleted;
    }
}
