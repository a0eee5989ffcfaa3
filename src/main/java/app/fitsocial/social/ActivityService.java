package app.fitsocial.social;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.fitsocial.classes.ClassCatalog;
import app.fitsocial.groups.GroupDirectory;
import app.fitsocial.platform.web.ResourceNotFoundException;
import app.fitsocial.platform.web.conditional.WritePreconditions;
import app.fitsocial.platform.web.fields.FieldSelection;

/**
 * Posting, deleting, liking and commenting. Likes and comments keep the activity's counters
 * in the same transaction; a repeated like or unlike changes nothing.
 */
@Service
class ActivityService {

    private final JdbcClient jdbc;
    private final ClassCatalog classes;
    private final GroupDirectory groups;
    private final ApplicationEventPublisher events;
    private final ActivityCache cache;
    private final FeedCache feeds;
    private final ActivityQueries queries;

    ActivityService(JdbcClient jdbc, ClassCatalog classes, GroupDirectory groups, ApplicationEventPublisher events,
            ActivityCache cache, FeedCache feeds, ActivityQueries queries) {
        this.feeds = feeds;
        this.jdbc = jdbc;
        this.classes = classes;
        this.groups = groups;
        this.events = events;
        this.cache = cache;
        this.queries = queries;
    }

    record NewActivity(ActivityType type, @Nullable String text, @Nullable Long classId, @Nullable Long groupId,
            @Nullable Integer durationMinutes) {
    }

    @Transactional
    long post(long authorId, NewActivity activity) {
        if (activity.classId() != null && classes.findClass(activity.classId()).isEmpty()) {
            throw new ResourceNotFoundException("Class", activity.classId());
        }
        if (activity.groupId() != null) {
            if (!groups.exists(activity.groupId())) {
                throw new ResourceNotFoundException("Group", activity.groupId());
            }
            if (!groups.isMember(activity.groupId(), authorId)) {
                throw new SocialExceptions.NotGroupMember(activity.groupId());
            }
        }
        long id = jdbc.sql("""
                INSERT INTO activities (author_id, type, text, class_id, group_id, duration_minutes)
                VALUES (:author, :type, :text, :class, :group, :duration) RETURNING id""")
                .param("author", authorId).param("type", activity.type().name())
                .param("text", activity.text() == null || activity.text().isBlank() ? null : activity.text().strip())
                .param("class", activity.classId()).param("group", activity.groupId())
                .param("duration", activity.durationMinutes())
                .query(Long.class).single();
        feeds.postsChanged(authorId, activity.groupId());
        events.publishEvent(new ActivityPosted(id, authorId, activity.groupId()));
        return id;
    }

    /**
     * Deletes the caller's own activity, its likes and comments with it (the foreign keys cascade);
     * its version is raised past the last one, so no cached copy or tag of it survives.
     */
    @Transactional
    void delete(long userId, long activityId, WritePreconditions preconditions) {
        record Owned(long author, @Nullable Long group) {
        }
        Owned owned = jdbc.sql("SELECT author_id, group_id FROM activities WHERE id = :id FOR UPDATE").param("id", activityId)
                .query((rs, n) -> new Owned(rs.getLong("author_id"), (Long) rs.getObject("group_id", Long.class))).optional()
                .orElseThrow(() -> new ResourceNotFoundException("Activity", activityId));
        long author = owned.author();
        if (author != userId) {
            throw new SocialExceptions.NotAuthor(activityId);
        }
        ActivityResponse current = queries.find(activityId, userId, FieldSelection.ALL);
        if (current != null) {
            preconditions.checkContent(current);
        }
        long version = jdbc.sql("DELETE FROM activities WHERE id = :id RETURNING version").param("id", activityId)
                .query(Long.class).single();
        cache.changed(activityId, version + 1);
        feeds.postsChanged(author, owned.group());
        events.publishEvent(new ActivityDeleted(activityId, author));
    }

    @Transactional
    void like(long userId, long activityId) {
        long author = authorOf(activityId);
        int added = jdbc.sql("""
                INSERT INTO activity_likes (activity_id, user_id) VALUES (:a, :u)
                ON CONFLICT (activity_id, user_id) DO NOTHING""").param("a", activityId).param("u", userId).update();
        if (added == 1) {
            countLike(activityId, 1);
            cache.likesChanged(userId);
            events.publishEvent(new ActivityLiked(activityId, author, userId));
        }
    }

    @Transactional
    void unlike(long userId, long activityId, WritePreconditions preconditions) {
        authorOf(activityId);
        boolean liked = jdbc.sql("SELECT user_id FROM activity_likes WHERE activity_id = :a AND user_id = :u FOR UPDATE")
                .param("a", activityId).param("u", userId).query(Long.class).optional().isPresent();
        preconditions.checkExists(liked);
        int removed = jdbc.sql("DELETE FROM activity_likes WHERE activity_id = :a AND user_id = :u")
                .param("a", activityId).param("u", userId).update();
        if (removed == 1) {
            countLike(activityId, -1);
            cache.likesChanged(userId);
        }
    }

    private void countLike(long activityId, int delta) {
        cache.changed(activityId, jdbc.sql("""
                UPDATE activities SET likes_count = likes_count + :delta, version = version + 1 WHERE id = :a
                RETURNING version""").param("delta", delta).param("a", activityId).query(Long.class).single());
    }

    /** A stored comment: its id and the time the database gave it. */
    record StoredComment(long id, java.time.Instant createdAt) {
    }

    @Transactional
    StoredComment comment(long userId, long activityId, String text) {
        long author = authorOf(activityId);
        StoredComment stored = jdbc.sql("""
                INSERT INTO activity_comments (activity_id, author_id, text) VALUES (:a, :u, :t)
                RETURNING id, created_at""")
                .param("a", activityId).param("u", userId).param("t", text.strip())
                .query((rs, n) -> new StoredComment(rs.getLong("id"),
                        rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant()))
                .single();
        cache.changed(activityId, jdbc.sql("""
                UPDATE activities SET comments_count = comments_count + 1, version = version + 1 WHERE id = :a
                RETURNING version""").param("a", activityId).query(Long.class).single());
        events.publishEvent(new ActivityCommented(activityId, stored.id(), author, userId));
        return stored;
    }

    /** The author of an activity; counters change by atomic increments, and the foreign keys stop a like or comment on a deleted activity. */
    private long authorOf(long activityId) {
        return jdbc.sql("SELECT author_id FROM activities WHERE id = :id").param("id", activityId)
                .query(Long.class).optional()
                .orElseThrow(() -> new ResourceNotFoundException("Activity", activityId));
    }
}
