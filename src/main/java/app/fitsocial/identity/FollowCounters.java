package app.fitsocial.identity;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps {@code followersCount} and {@code followingCount} of users current. Called by the
 * social module inside the transaction that adds or removes a follow, so counts and rows
 * always agree.
 */
@Service
public class FollowCounters {

    private final UserRepository users;
    private final PublicProfiles profiles;

    FollowCounters(UserRepository users, PublicProfiles profiles) {
        this.users = users;
        this.profiles = profiles;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void followed(long followerId, long followeeId) {
        users.adjustFollowing(followerId, 1);
        users.adjustFollowers(followeeId, 1);
        profiles.changed(followerId);
        profiles.changed(followeeId);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void unfollowed(long followerId, long followeeId) {
        users.adjustFollowing(followerId, -1);
        users.adjustFollowers(followeeId, -1);
        profiles.changed(followerId);
        profiles.changed(followeeId);
    }
}
