package app.fitsocial.social;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import app.fitsocial.identity.UserDirectory;

/**
 * Keeps precomputed timelines current right after each write commits: a post is pushed to the
 * author's and (unless the author is a celebrity) every follower's live timeline; a delete is
 * removed from them; a follow or unfollow drops the follower's timeline so the next read
 * rebuilds it. Group membership needs nothing here: group posts are merged at read time.
 * A Redis failure is logged and leaves the timeline to be rebuilt or repaired later.
 */
@Component
class FeedFanout {

    private static final Logger log = LoggerFactory.getLogger(FeedFanout.class);

    private final FeedTimelines timelines;
    private final FollowGraph follows;
    private final UserDirectory users;
    private final FeedSettings settings;

    FeedFanout(FeedTimelines timelines, FollowGraph follows, UserDirectory users, FeedSettings settings) {
        this.timelines = timelines;
        this.follows = follows;
        this.users = users;
        this.settings = settings;
    }

    @TransactionalEventListener
    void on(ActivityPosted event) {
        guard("push " + event.activityId(), () -> timelines.push(audience(event.authorId()), event.activityId()));
    }

    @TransactionalEventListener
    void on(ActivityDeleted event) {
        guard("remove " + event.activityId(), () -> timelines.remove(audience(event.authorId()), event.activityId()));
    }

    @TransactionalEventListener
    void on(UserFollowed event) {
        guard("drop timeline of " + event.followerId(), () -> timelines.drop(event.followerId()));
    }

    @TransactionalEventListener
    void on(UserUnfollowed event) {
        guard("drop timeline of " + event.followerId(), () -> timelines.drop(event.followerId()));
    }

    /** The author, plus their followers unless the author is a celebrity. */
    private List<Long> audience(long authorId) {
        List<Long> audience = new ArrayList<>();
        audience.add(authorId);
        if (users.withFollowersAtLeast(List.of(authorId), settings.celebrityThreshold()).isEmpty()) {
            audience.addAll(follows.followersOf(authorId));
        }
        return audience;
    }

    private static void guard(String what, Runnable action) {
        try {
            action.run();
        }
        catch (DataAccessException ex) {
            log.warn("Feed fan-out failed ({}); affected timelines heal on rebuild: {}", what, ex.getMessage());
        }
    }
}
