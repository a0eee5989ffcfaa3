package app.fitsocial.notifications;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The transactional outbox of notifications to deliver ({@code notification_outbox}). Rows are
 * claimed with a lease instead of being held locked while a batch is sent, so no transaction
 * stays open across an HTTP call and a run that dies leaves nothing locked: its rows simply
 * become available again when the lease ends.
 */
@Component
class NotificationOutbox {

    private final JdbcClient jdbc;

    NotificationOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims up to {@code limit} available notifications, oldest first, for {@code lease}; rows
     * another run has claimed are skipped, not waited for. One statement, its own transaction.
     */
    List<OutgoingNotification> claim(int limit, Duration lease) {
        return jdbc.sql("""
                WITH claimed AS (
                    UPDATE notification_outbox o
                    SET available_at = now() + make_interval(secs => :lease), attempts = o.attempts + 1
                    FROM (SELECT notification_id FROM notification_outbox WHERE available_at <= now()
                          ORDER BY available_at, notification_id LIMIT :limit FOR UPDATE SKIP LOCKED) due
                    WHERE o.notification_id = due.notification_id
                    RETURNING o.notification_id)
                SELECT n.id, n.source_key, n.user_id, n.type, n.actor_id, n.subject_id, n.text, n.created_at
                FROM claimed c JOIN notifications n ON n.id = c.notification_id
                ORDER BY n.id""")
                .param("lease", lease.toMillis() / 1000.0).param("limit", limit)
                .query((rs, row) -> new OutgoingNotification(rs.getString("source_key"), rs.getLong("id"),
                        rs.getLong("user_id"), rs.getString("type"), (Long) rs.getObject("actor_id", Long.class),
                        (Long) rs.getObject("subject_id", Long.class), rs.getString("text"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /** Removes delivered notifications from the outbox. */
    void delivered(List<Long> ids) {
        jdbc.sql("DELETE FROM notification_outbox WHERE notification_id = ANY(:ids)")
                .param("ids", ids.toArray(Long[]::new)).update();
    }

    /**
     * Schedules the next try of undelivered notifications: {@code retryDelay} after the first
     * failed attempt, doubling with every further one up to {@code maxRetryDelay}.
     */
    void failed(List<Long> ids, String error, Duration retryDelay, Duration maxRetryDelay) {
        jdbc.sql("""
                UPDATE notification_outbox
                SET available_at = now() + least(make_interval(secs => :max),
                                                 make_interval(secs => :delay) * power(2, least(attempts - 1, 30))),
                    last_error = :error
                WHERE notification_id = ANY(:ids)""")
                .param("max", maxRetryDelay.toMillis() / 1000.0).param("delay", retryDelay.toMillis() / 1000.0)
                .param("error", error.length() > 300 ? error.substring(0, 300) : error)
                .param("ids", ids.toArray(Long[]::new)).update();
    }

    /** What waits in the outbox: how many notifications, and the age of the oldest in seconds (0 when empty). */
    record Backlog(long size, double oldestAgeSeconds) {
    }

    Backlog backlog() {
        return jdbc.sql("""
                SELECT count(*) AS size,
                       coalesce(extract(epoch FROM now() - min(n.created_at)), 0) AS oldest
                FROM notification_outbox o JOIN notifications n ON n.id = o.notification_id""")
                .query((rs, row) -> new Backlog(rs.getLong("size"), rs.getDouble("oldest"))).single();
    }
}
