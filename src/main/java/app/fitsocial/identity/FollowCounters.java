package app.fitsocial.identity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import app.fitsocial.platform.versions.Versions;

/**
 * Keeps {@code followersCount} and {@code followingCount} of users current. Called by the
 * social module inside the transaction that adds or removes a follow, so counts and rows
 * always agree; each count change is a new version of that user's profile.
 */
@Service
public class FollowCounters {

    private final JdbcClient jdbc;
    private final Versions versions;

    FollowCounters(JdbcClient jdbc, Versions versions) {
        this.jdbc = jdbc;
        this.versions = versions;
    }

    /** Counts a new follow; answers how many followers the followee has now. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long followed(long followerId, long followeeId) {
        return adjust(followerId, followeeId, 1);
    }

    /** Counts a follow that ended; answers how many followers the followee has now. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long unfollowed(long followerId, long followeeId) {
        return adjust(followerId, followeeId, -1);
    }

    private long adjust(long followerId, long followeeId, int delta) {
        versions.changed(PublicProfiles.resource(followerId), jdbc.sql("""
                UPDATE users SET following_count = following_count + :delta, version = version + 1 WHERE id = :id
                RETURNING version""").param("delta", delta).param("id", followerId).query(Long.class).single());
        record Counted(long version, long followers) {
        }
        Counted followee = jdbc.sql("""
                UPDATE users SET followers_count = followers_count + :delta, version = version + 1 WHERE id = :id
                RETURNING version, followers_count""").param("delta", delta).param("id", followeeId)
                .query((rs, n) -> new Counted(rs.getLong("version"), rs.getLong("followers_count"))).single();
        versions.changed(PublicProfiles.resource(followeeId), followee.version());
        return followee.followers();
    }
}
