package app.fitsocial.platform.web.idempotency;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Idempotency keys in PostgreSQL, shared by every instance. Claiming is one
 * {@code INSERT ... ON CONFLICT}: of concurrent requests with the same key exactly one claims it
 * (an expired record counts as free), the others find the claim and wait for its outcome.
 */
class IdempotencyStore {

    private final JdbcClient jdbc;
    private final Duration retention;

    IdempotencyStore(JdbcClient jdbc, Duration retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    /** Claims the key for a request; false if another request holds it (use {@link #find}). */
    boolean claim(String scope, String key, byte[] requestHash) {
        return jdbc.sql("""
                INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, expires_at)
                VALUES (:scope, :key, :hash, now() + make_interval(secs => :retention))
                ON CONFLICT (scope, idempotency_key) DO UPDATE
                   SET request_hash = EXCLUDED.request_hash, status = NULL, content_type = NULL, location = NULL,
                       body = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
                 WHERE idempotency_keys.expires_at < now()
                RETURNING true""")
                .param("scope", scope).param("key", key).param("hash", requestHash)
                .param("retention", retention.toSeconds())
                .query(Boolean.class).optional().isPresent();
    }

    Optional<IdempotencyRecord> find(String scope, String key) {
        return jdbc.sql("""
                SELECT request_hash, status, content_type, location, body FROM idempotency_keys
                WHERE scope = :scope AND idempotency_key = :key AND expires_at >= now()""")
                .param("scope", scope).param("key", key)
                .query((rs, n) -> new IdempotencyRecord(rs.getBytes("request_hash"),
                        (Integer) rs.getObject("status", Integer.class), rs.getString("content_type"),
                        rs.getString("location"), rs.getBytes("body")))
                .optional();
    }

    void complete(String scope, String key, int status, @Nullable String contentType, @Nullable String location,
            byte[] encryptedBody) {
        jdbc.sql("""
                UPDATE idempotency_keys SET status = :status, content_type = :type, location = :location, body = :body
                WHERE scope = :scope AND idempotency_key = :key""")
                .param("status", status).param("type", contentType).param("location", location)
                .param("body", encryptedBody).param("scope", scope).param("key", key)
                .update();
    }

    /** Frees a key whose request failed on the server's side, so that a retry runs again. */
    void release(String scope, String key) {
        jdbc.sql("DELETE FROM idempotency_keys WHERE scope = :scope AND idempotency_key = :key AND status IS NULL")
                .param("scope", scope).param("key", key).update();
    }
}
