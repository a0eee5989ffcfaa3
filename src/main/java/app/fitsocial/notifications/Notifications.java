package app.fitsocial.notifications;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import app.fitsocial.identity.UserDirectory;
import app.fitsocial.identity.UserSummary;
import app.fitsocial.platform.web.Cursor;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageQuery;

/**
 * The notifications table. Each notification carries the key of the event that caused it, so
 * an event handled twice (a redelivery after a crash) still yields one notification; the same
 * statement queues it in the delivery outbox.
 */
@Component
class Notifications {

    private final JdbcClient jdbc;
    private final UserDirectory users;

    Notifications(JdbcClient jdbc, UserDirectory users) {
        this.jdbc = jdbc;
        this.users = users;
    }

    @Transactional
    void create(long userId, NotificationType type, @Nullable Long actorId, @Nullable Long subjectId, String text,
            String sourceKey) {
        jdbc.sql("""
                WITH created AS (
                    INSERT INTO notifications (user_id, type, actor_id, subject_id, text, source_key)
                    VALUES (:u, :type, :actor, :subject, :text, :key)
                    ON CONFLICT (source_key) DO NOTHING
                    RETURNING id)
                INSERT INTO notification_outbox (notification_id) SELECT id FROM created""")
                .param("u", userId).param("type", type.name()).param("actor", actorId).param("subject", subjectId)
                .param("text", text.length() > 300 ? text.substring(0, 299) + "…" : text).param("key", sourceKey)
                .update();
    }

    /** Newest first: one statement for the page, one for the actors' names. */
    @Transactional(readOnly = true)
    CursorPage<NotificationResponse> list(long userId, PageQuery page) {
        record Row(long id, NotificationType type, @Nullable Long actorId, @Nullable Long subjectId, String text,
                boolean read, java.time.Instant createdAt) {
        }
        long before = page.cursor() == null ? Long.MAX_VALUE : Cursor.decodeId(page.cursor());
        List<Row> rows = jdbc.sql("""
                SELECT id, type, actor_id, subject_id, text, read_at IS NOT NULL AS read, created_at FROM notifications
                WHERE user_id = :u AND id < :before ORDER BY id DESC LIMIT :limit""")
                .param("u", userId).param("before", before).param("limit", page.fetchSize())
                .query((rs, n) -> new Row(rs.getLong("id"), NotificationType.valueOf(rs.getString("type")),
                        (Long) rs.getObject("actor_id", Long.class), (Long) rs.getObject("subject_id", Long.class),
                        rs.getString("text"), rs.getBoolean("read"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
        return CursorPage.of(rows, page, r -> Cursor.ofId(r.id())).mapItems(kept -> {
            Map<Long, UserSummary> actors = users.summaries(kept.stream().map(Row::actorId)
                    .filter(java.util.Objects::nonNull).toList());
            return kept.stream().map(r -> new NotificationResponse(r.id(), r.type(),
                    r.actorId() == null ? null : actors.get(r.actorId()), r.subjectId(), r.text(), r.read(), r.createdAt()))
                    .toList();
        });
    }

    /** Marks the given notifications of the user as read, or all of them when no ids are given. */
    @Transactional
    int markRead(long userId, @Nullable List<Long> ids) {
        if (ids == null) {
            return jdbc.sql("UPDATE notifications SET read_at = now() WHERE user_id = :u AND read_at IS NULL")
                    .param("u", userId).update();
        }
        return jdbc.sql("UPDATE notifications SET read_at = now() WHERE user_id = :u AND read_at IS NULL AND id = ANY(:ids)")
                .param("u", userId).param("ids", ids.toArray(Long[]::new)).update();
    }
}
