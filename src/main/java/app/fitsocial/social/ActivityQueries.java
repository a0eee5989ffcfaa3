package app.fitsocial.social;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import app.fitsocial.identity.UserDirectory;
import app.fitsocial.identity.UserSummary;
import app.fitsocial.platform.web.Cursor;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageQuery;
import app.fitsocial.platform.web.fields.FieldSelection;

/**
 * Reads activities. Any page costs at most three statements whatever its size: the activities
 * (or, for a feed or a single activity, the {@link ActivityCache} entries not cached), their
 * authors (from the cached public profiles, the missing ones in one {@code IN} query) and which of
 * them the viewer liked (one {@code IN} query); the last two are skipped when {@code ?fields=}
 * leaves out {@code author} or {@code likedByMe}. Lists are newest first, keyset-paginated on the id.
 * Reads of cached activities open no transaction, so when everything is cached they take no
 * database connection.
 */
@Component
class ActivityQueries {

    private static final String COLUMNS = """
            SELECT id, author_id, type, text, class_id, group_id, duration_minutes, likes_count, comments_count,
                   created_at FROM activities""";

    private final JdbcClient jdbc;
    private final UserDirectory users;
    private final ActivityCache cache;

    ActivityQueries(JdbcClient jdbc, UserDirectory users, ActivityCache cache) {
        this.jdbc = jdbc;
        this.users = users;
        this.cache = cache;
    }

    /** The ids of an author's newest activities (group posts included), newest first, at most {@code count}. */
    List<Long> newestIdsBy(long authorId, int count) {
        return jdbc.sql("SELECT id FROM activities WHERE author_id = :author ORDER BY id DESC LIMIT :count")
                .param("author", authorId).param("count", count).query(Long.class).list();
    }

    @Transactional(readOnly = true)
    CursorPage<ActivityResponse> byAuthor(long authorId, long viewerId, PageQuery page, FieldSelection fields) {
        return listWhere("author_id = :key", authorId, viewerId, page, fields);
    }

    @Transactional(readOnly = true)
    CursorPage<ActivityResponse> byGroup(long groupId, long viewerId, PageQuery page, FieldSelection fields) {
        return listWhere("group_id = :key", groupId, viewerId, page, fields);
    }

    /** The given activities, complete, in the given order; ids that no longer exist are skipped. */
    List<ActivityResponse> hydrate(List<Long> ids, long viewerId, FieldSelection fields) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, ActivityCache.Row> rows = cache.rows(ids);
        List<ActivityCache.Row> ordered = ids.stream().map(rows::get).filter(java.util.Objects::nonNull).toList();
        return complete(ordered, viewerId, fields);
    }

    boolean exists(long id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM activities WHERE id = :id)").param("id", id)
                .query(Boolean.class).single();
    }

    @Nullable ActivityResponse find(long id, long viewerId, FieldSelection fields) {
        List<ActivityResponse> found = hydrate(List.of(id), viewerId, fields);
        return found.isEmpty() ? null : found.get(0);
    }

    @Transactional(readOnly = true)
    CursorPage<CommentResponse> comments(long activityId, PageQuery page) {
        record CommentRow(long id, long authorId, String text, java.time.Instant createdAt) {
        }
        long after = page.cursor() == null ? 0 : Cursor.decodeId(page.cursor());
        List<CommentRow> rows = jdbc.sql("""
                SELECT id, author_id, text, created_at FROM activity_comments
                WHERE activity_id = :a AND id > :after ORDER BY id LIMIT :limit""")
                .param("a", activityId).param("after", after).param("limit", page.fetchSize())
                .query((rs, n) -> new CommentRow(rs.getLong("id"), rs.getLong("author_id"), rs.getString("text"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
        return CursorPage.of(rows, page, r -> Cursor.ofId(r.id())).mapItems(kept -> {
            Map<Long, UserSummary> authors = users.summaries(kept.stream().map(CommentRow::authorId).toList());
            return kept.stream()
                    .map(r -> new CommentResponse(r.id(), activityId, author(authors, r.authorId()), r.text(), r.createdAt()))
                    .toList();
        });
    }

    private CursorPage<ActivityResponse> listWhere(String condition, long key, long viewerId, PageQuery page,
            FieldSelection fields) {
        long before = page.cursor() == null ? Long.MAX_VALUE : Cursor.decodeId(page.cursor());
        List<ActivityCache.Row> rows = jdbc.sql(COLUMNS + " WHERE " + condition + " AND id < :before ORDER BY id DESC LIMIT :limit")
                .param("key", key).param("before", before).param("limit", page.fetchSize())
                .query(ActivityQueries::toRow).list();
        return CursorPage.of(rows, page, r -> Cursor.ofId(r.id())).mapItems(kept -> complete(kept, viewerId, fields));
    }

    private List<ActivityResponse> complete(List<ActivityCache.Row> rows, long viewerId, FieldSelection fields) {
        if (rows.isEmpty()) {
            return List.of();
        }
        // a ?fields= selection without author or likedByMe spares their lookups (the fields are dropped anyway)
        Map<Long, UserSummary> authors = fields.includes("author")
                ? users.summaries(rows.stream().map(ActivityCache.Row::authorId).toList())
                : Map.of();
        Set<Long> liked = fields.includes("likedByMe")
                ? likedBy(viewerId, rows.stream().map(ActivityCache.Row::id).toList())
                : Set.of();
        List<ActivityResponse> result = new ArrayList<>(rows.size());
        for (ActivityCache.Row r : rows) {
            result.add(new ActivityResponse(r.id(), r.type(), r.text(), r.classId(), r.groupId(), r.durationMinutes(),
                    author(authors, r.authorId()), r.likesCount(), r.commentsCount(), liked.contains(r.id()),
                    r.createdAt()));
        }
        return result;
    }

    private Set<Long> likedBy(long viewerId, Collection<Long> activityIds) {
        Set<Long> liked = cache.likedBy(viewerId);
        if (liked != null) {
            return liked;
        }
        return new HashSet<>(jdbc.sql("SELECT activity_id FROM activity_likes WHERE user_id = :u AND activity_id = ANY(:ids)")
                .param("u", viewerId).param("ids", activityIds.toArray(Long[]::new)).query(Long.class).list());
    }

    private static UserSummary author(Map<Long, UserSummary> authors, long id) {
        UserSummary author = authors.get(id);
        return author != null ? author : new UserSummary(id, "");
    }

    private static ActivityCache.Row toRow(ResultSet rs, int n) throws SQLException {
        return new ActivityCache.Row(rs.getLong("id"), rs.getLong("author_id"), ActivityType.valueOf(rs.getString("type")),
                rs.getString("text"), (Long) rs.getObject("class_id", Long.class),
                (Long) rs.getObject("group_id", Long.class), (Integer) rs.getObject("duration_minutes", Integer.class),
                rs.getLong("likes_count"), rs.getLong("comments_count"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
