package app.fitsocial.platform.web.idempotency;

import java.util.UUID;

import org.jobrunr.storage.StorageProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Expired idempotency keys are deleted by a recurring job; live ones stay. */
class ExpiredIdempotencyKeysIntegrationTests extends IntegrationTestSupport {

    @Autowired
    private ExpiredIdempotencyKeys cleanup;

    @Autowired
    private StorageProvider jobs;

    @Test
    void deletesOnlyExpiredKeysAndIsARecurringJob() {
        String expired = UUID.randomUUID().toString();
        String live = UUID.randomUUID().toString();
        for (String key : new String[] {expired, live}) {
            jdbc.sql("""
                    INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, status, expires_at)
                    VALUES ('user:1', :key, '\\x00', 201, now() + make_interval(hours => :hours))""")
                    .param("key", key).param("hours", key.equals(expired) ? -1 : 1).update();
        }

        assertThat(cleanup.deleteExpired()).isGreaterThanOrEqualTo(1);

        assertThat(count(expired)).isZero();
        assertThat(count(live)).isEqualTo(1);
        assertThat(jobs.getRecurringJobs().stream().map(job -> job.getId()))
                .contains(ExpiredIdempotencyKeys.JOB_ID);
    }

    private long count(String key) {
        return jdbc.sql("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = :key").param("key", key)
                .query(Long.class).single();
    }
}
