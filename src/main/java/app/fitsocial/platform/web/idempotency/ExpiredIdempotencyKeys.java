package app.fitsocial.platform.web.idempotency;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.annotations.Recurring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

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
    private static final Logger log = LoggerFactory.getLogger(ExpiredIdempotencyKeys.class);

    private final JdbcClient jdbc;

    ExpiredIdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Deletes expired keys; returns how many. */
    @Recurring(id = JOB_ID, interval = "PT15M")
    @Job(name = "Delete expired idempotency keys")
    public int deleteExpired() {
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
        if (deleted > 0) {
            log.info("Deleted {} expired idempotency keys", deleted);
        }
        return deleted;
    }
}
