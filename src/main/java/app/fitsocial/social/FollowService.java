package app.fitsocial.social;

import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.fitsocial.identity.FollowCounters;
import app.fitsocial.identity.FollowersCountChanged;
import app.fitsocial.identity.PublicProfile;
import app.fitsocial.identity.UserDirectory;
import app.fitsocial.platform.web.Cursor;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageQuery;
import app.fitsocial.platform.web.ResourceNotFoundException;
import app.fitsocial.platform.web.conditional.WritePreconditions;

/**
 * Follow and unfollow, idempotently: only an actual change touches the counters and publishes
 * an event, so repeats and races leave counts equal to rows (for popular users, once their
 * deferred counts are folded: {@link FollowCounters}).
 */
@Service
class FollowService {

    private final JdbcClient jdbc;
    private final UserDirectory users;
    private final FollowCounters counters;
    private final ApplicationEventPublisher events;
    private final FeedCache feeds;
    private final FeedSettings settings;

    FollowService(JdbcClient jdbc, UserDirectory users, FollowCounters counters, ApplicationEventPublisher events,
            FeedCache feeds, FeedSettings settings) {
        this.jdbc = jdbc;
        this.users = users;
        this.counters = counters;
        this.events = events;
        this.feeds = feeds;
        this.settings = settings;
    }

    @Transactional
    void follow(long followerId, long followeeId) {
        requireOther(followerId, followeeId);
        int added = jdbc.sql("""
                INSERT INTO follows (follower_id, following_id) VALUES (:follower, :followee)
                ON CONFLICT (follower_id, following_id) DO NOTHING""")
                .param("follower", followerId).param("followee", followeeId).update();
        if (added == 1) {
            counters.followed(followerId, followeeId);
            feeds.sourcesChanged(followerId);
            events.publishEvent(new UserFollowed(followerId, followeeId));
        }
    }

    @Transactional
    void unfollow(long followerId, long followeeId, WritePreconditions preconditions) {
        requireOther(followerId, followeeId);
        boolean following = jdbc.sql("SELECT id FROM follows WHERE follower_id = :follower AND following_id = :followee FOR UPDATE")
                .param("follower", followerId).param("followee", followeeId).query(Long.class).optional().isPresent();
        preconditions.checkExists(following);
        int removed = jdbc.sql("DELETE FROM follows WHERE follower_id = :follower AND following_id = :followee")
                .param("follower", followerId).param("followee", followeeId).update();
        if (removed == 1) {
            counters.unfollowed(followerId, followeeId);
            feeds.sourcesChanged(followerId);
            events.publishEvent(new UserUnfollowed(followerId, followeeId));
        }
    }

    /**
     * When an author crosses the celebrity threshold, either way, their posts move between the
     * pushed timelines and the read-time merge, so every follower's feed sources change. Counts
     * change in the follow's transaction or, for popular authors, when deferred counts are folded.
     */
    @EventListener
    void on(FollowersCountChanged change) {
        long threshold = settings.celebrityThreshold();
        if ((change.before() < threshold) != (change.after() < threshold)) {
            celebrityStatusChanged(change.userId());
        }
    }

    private void celebrityStatusChanged(long authorId) {
        jdbc.sql("SELECT follower_id FROM follows WHERE following_id = :u").param("u", authorId)
                .query(Long.class).list().forEach(feeds::sourcesChanged);
    }

    /** Followers (or followed users) newest follow first: one statement for the page, one for the profiles. */
    @Transactional(readOnly = true)
    CursorPage<PublicProfile> list(long userId, boolean followers, PageQuery page) {
        if (!users.exists(userId)) {
            throw new ResourceNotFoundException("User", userId);
        }
        record Edge(long id, long otherId) {
        }
        String sql = followers
                ? "SELECT id, follower_id AS other FROM follows WHERE following_id = :u AND id < :after ORDER BY id DESC LIMIT :limit"
                : "SELECT id, following_id AS other FROM follows WHERE follower_id = :u AND id < :after ORDER BY id DESC LIMIT :limit";
        long after = page.cursor() == null ? Long.MAX_VALUE : Cursor.decodeId(page.cursor());
        List<Edge> rows = jdbc.sql(sql).param("u", userId).param("after", after).param("limit", page.fetchSize())
                .query((rs, n) -> new Edge(rs.getLong("id"), rs.getLong("other"))).list();
        return CursorPage.of(rows, page, e -> Cursor.ofId(e.id()))
                .mapItems(edges -> profilesInOrder(edges.stream().map(Edge::otherId).toList()));
    }

    private List<PublicProfile> profilesInOrder(List<Long> userIds) {
        Map<Long, PublicProfile> profiles = users.publicProfiles(userIds);
        return userIds.stream().map(profiles::get).filter(java.util.Objects::nonNull).toList();
    }

    private void requireOther(long followerId, long followeeId) {
        if (followerId == followeeId) {
            throw new SocialExceptions.CannotFollowSelf();
        }
        if (!users.exists(followeeId)) {
            throw new ResourceNotFoundException("User", followeeId);
        }
    }
}
