package app.fitsocial.social;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import app.fitsocial.identity.PublicProfile;
import app.fitsocial.identity.UserDirectory;
import app.fitsocial.platform.persistence.AfterCommit;

/**
 * Keeps precomputed timelines current right after each write commits: a post is pushed to the
 * author's and (unless the author is a celebrity) every follower's live timeline; a delete is
 * removed from them; a follow merges the followed author's newest posts into the follower's
 * timeline (unless the author is a celebrity, whose posts are merged at read time) and an
 * unfollow removes them, so the follower's next read stays a range lookup: one indexed
 * statement and one script each. Group membership needs nothing here: group posts are merged
 * at read time.
 * A Redis failure is logged and leaves the timeline to be rebuilt or repaired later.
 * <p>
 * The work is registered as an after-commit callback of the writing transaction, not as a
 * {@code @TransactionalEventListener}: Spring Modulith records every such listener's
 * publications in a transaction of its own, which needs a second connection while the writer
 * still holds its first. Under load, writers holding every connection of the pool then waited
 * for one another until they timed out. Fan-out is best effort anyway: the feed regeneration
 * job repairs what it misses.
 */
@Component
class FeedFanout {

    private static final Logger log = LoggerFactory.getLogger(FeedFanout.class);

    private final FeedTimelines timelines;
    private final FollowGraph follows;
    private final UserDirectory users;
    private final ActivityQueries activities;
    private final FeedSettings settings;

    FeedFanout(FeedTimelines timelines, FollowGraph follows, UserDirectory users, ActivityQueries activities,
            FeedSettings settings) {
        this.timelines = timelines;
        this.activities = activities;
        this.follows = follows;
        this.users = users;
        this.settings = settings;
    }

    @EventListener
    void on(ActivityPosted event) {
        afterCommit("push " + event.activityId(), () -> timelines.push(audience(event.authorId()), event.activityId()));
    }

    @EventListener
    void on(ActivityDeleted event) {
        afterCommit("remove " + event.activityId(), () -> timelines.remove(audience(event.authorId()), event.activityId()));
    }

    @EventListener
    void on(UserFollowed event) {
        afterCommit("merge posts of " + event.followeeId() + " into the timeline of " + event.followerId(), () -> {
            if (!isCelebrity(event.followeeId())) {
                List<Long> newest = activities.newestIdsBy(event.followeeId(), settings.timelineSize());
                timelines.merge(event.followerId(), newest, newest.size() < settings.timelineSize());
            }
        });
    }

    @EventListener
    void on(UserUnfollowed event) {
        afterCommit("remove posts of " + event.followeeId() + " from the timeline of " + event.followerId(), () -> {
            // even a celebrity's: pushed before they crossed the threshold, some may still be there;
            // and a timeline holds no more than the author's newest cap of ids
            List<Long> newest = activities.newestIdsBy(event.followeeId(), settings.timelineSize());
            timelines.repair(List.of(new FeedTimelines.Repair(event.followerId(), List.of(), newest, null)));
        });
    }

    /** Runs the action once the current transaction has committed (at once without one); never after a rollback. */
    private static void afterCommit(String what, Runnable action) {
        AfterCommit.run(() -> guard(what, action));
    }

    /** The author, plus their followers unless the author is a celebrity. */
    private List<Long> audience(long authorId) {
        List<Long> audience = new ArrayList<>();
        audience.add(authorId);
        if (!isCelebrity(authorId)) {
            audience.addAll(follows.followersOf(authorId));
        }
        return audience;
    }

    /** From the author's cached profile: they are the writer (or just followed), so it is warm. */
    private boolean isCelebrity(long authorId) {
        PublicProfile author = users.publicProfiles(List.of(authorId)).get(authorId);
        return author != null && author.followersCount() >= settings.celebrityThreshold();
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
