package app.fitsocial.identity;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import app.fitsocial.platform.versions.Versions;

/**
 * Keeps {@code followersCount} and {@code followingCount} of users current. Called by the
 * social module inside the transaction that adds or removes a follow; each count change is a
 * new version of that user's profile.
 * <p>
 * The follower's {@code followingCount} and the followee's {@code followersCount} below
 * {@link FollowersCountSettings#deferredFrom()} change on their rows in that transaction, so
 * they agree with the rows at once, and a {@link FollowersCountChanged} is published. A
 * followee with more followers than that is a hot row: the change is recorded as a delta
 * instead, which takes no lock, and {@link FollowersCountFolding} adds the deltas to the count
 * within its interval (5 s by default). Their count lags by at most that long.
 */
@Service
public class FollowCounters {

    private final JdbcClient jdbc;
    private final Versions versions;
    private final ApplicationEventPublisher events;
    private final FollowersCountSettings settings;

    FollowCounters(JdbcClient jdbc, Versions versions, ApplicationEventPublisher events,
            FollowersCountSettings settings) {
        this.jdbc = jdbc;
        this.versions = versions;
        this.events = events;
        this.settings = settings;
    }

    /** Counts a new follow. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void followed(long followerId, long followeeId) {
        adjust(followerId, followeeId, 1);
    }

    /** Counts a follow that ended. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void unfollowed(long followerId, long followeeId) {
        adjust(followerId, followeeId, -1);
    }

    private void adjust(long followerId, long followeeId, int delta) {
        versions.changed(PublicProfiles.resource(followerId), jdbc.sql("""
                UPDATE users SET following_count = following_count + :delta, version = version + 1 WHERE id = :id
                RETURNING version""").param("delta", delta).param("id", followerId).query(Long.class).single());
        record Counted(long version, long followers) {
        }
        // a row at or over the bar does not match, so it is neither locked nor waited for
        var counted = jdbc.sql("""
                UPDATE users SET followers_count = followers_count + :delta, version = version + 1
                WHERE id = :id AND followers_count < :deferredFrom
                RETURNING version, followers_count""")
                .param("delta", delta).param("id", followeeId).param("deferredFrom", settings.deferredFrom())
                .query((rs, n) -> new Counted(rs.getLong("version"), rs.getLong("followers_count"))).optional();
        if (counted.isPresent()) {
            versions.changed(PublicProfiles.resource(followeeId), counted.get().version());
            long after = counted.get().followers();
            events.publishEvent(new FollowersCountChanged(followeeId, after - delta, after));
        }
        else {
            jdbc.sql("INSERT INTO follower_count_deltas (user_id, delta) VALUES (:id, :delta)")
                    .param("id", followeeId).param("delta", delta).update();
        }
    }
}
