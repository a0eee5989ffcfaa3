package app.fitsocial.social;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import app.fitsocial.platform.cache.CacheService;
import app.fitsocial.platform.versions.Versioned;
import app.fitsocial.platform.versions.Versions;

/**
 * Activities through the {@code activities} cache, one entry per activity at the version of its
 * row ({@code activity:<id>}): likes and comments raise it with their counters, a delete raises
 * it past the last version. Entries hold the row only; the author's name and whether the viewer
 * liked it are added when a page is put together, so a renamed author or a like of one reader
 * changes nothing here. Feeds, activity pages and single activities all read through it, so a
 * new post by someone a reader follows costs that reader one new entry, not a whole page. It
 * also keeps each user's likes ({@code likes}), which {@code likedByMe} is read from.
 */
@Component
class ActivityCache {

    static final String CACHE = "activities";
    static final String LIKES = "likes";

    /** Users with more likes than this have theirs looked up per page instead of cached. */
    static final int LIKES_KEPT = 5_000;

    private static final org.springframework.core.ParameterizedTypeReference<List<Long>> IDS =
            new org.springframework.core.ParameterizedTypeReference<>() {
            };

    private static final String COLUMNS = """
            SELECT id, author_id, type, text, class_id, group_id, duration_minutes, likes_count, comments_count,
                   created_at, version FROM activities""";

    private final CacheService cache;
    private final JdbcClient jdbc;
    private final Versions versions;

    ActivityCache(CacheService cache, JdbcClient jdbc, Versions versions) {
        this.cache = cache;
        this.jdbc = jdbc;
        this.versions = versions;
    }

    /** An activity's row. */
    record Row(long id, long authorId, ActivityType type, @Nullable String text, @Nullable Long classId,
            @Nullable Long groupId, @Nullable Integer durationMinutes, long likesCount, long commentsCount,
            Instant createdAt) {
    }

    /** The rows of the given activities that exist, by id. */
    Map<Long, Row> rows(List<Long> ids) {
        Map<String, Versioned<Row>> found = cache.getAll(CACHE, ids.stream().map(String::valueOf).toList(),
                ActivityCache::resource, Row.class, missing -> {
                    Map<String, Versioned<Row>> loaded = new HashMap<>();
                    jdbc.sql(COLUMNS + " WHERE id = ANY(:ids)")
                            .param("ids", missing.stream().map(Long::valueOf).toArray(Long[]::new))
                            .query((rs, n) -> new Versioned<>(new Row(rs.getLong("id"), rs.getLong("author_id"),
                                    ActivityType.valueOf(rs.getString("type")), rs.getString("text"),
                                    (Long) rs.getObject("class_id", Long.class), (Long) rs.getObject("group_id", Long.class),
                                    (Integer) rs.getObject("duration_minutes", Integer.class), rs.getLong("likes_count"),
                                    rs.getLong("comments_count"), rs.getObject("created_at", OffsetDateTime.class).toInstant()),
                                    rs.getLong("version")))
                            .list().forEach(row -> loaded.put(Long.toString(row.value().id()), row));
                    return loaded;
                });
        Map<Long, Row> rows = new HashMap<>();
        found.forEach((id, row) -> rows.put(Long.valueOf(id), row.value()));
        return rows;
    }

    /**
     * The ids of the activities a user liked, from the {@code likes} cache while
     * {@code likes:<user>} holds (raised by each of the user's likes and unlikes); {@code null}
     * for a user with more than {@link #LIKES_KEPT} likes, whose likes are looked up per page.
     */
    @Nullable Set<Long> likedBy(long userId) {
        List<Long> liked = cache.getInCollection(LIKES, Long.toString(userId), "likes:" + userId, IDS.getType(),
                () -> jdbc.sql("SELECT activity_id FROM activity_likes WHERE user_id = :u LIMIT :n").param("u", userId)
                        .param("n", LIKES_KEPT + 1).query(Long.class).list());
        return liked.size() > LIKES_KEPT ? null : new HashSet<>(liked);
    }

    /** States that a user liked or unliked something (after the commit). */
    void likesChanged(long userId) {
        versions.changed("likes:" + userId);
    }

    /** States that an activity's row now has {@code version} (after the commit). */
    void changed(long id, long version) {
        versions.changed(resource(Long.toString(id)), version);
    }

    private static String resource(String id) {
        return "activity:" + id;
    }
}
