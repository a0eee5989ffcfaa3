package app.fitsocial.notifications;

import java.util.List;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import app.fitsocial.identity.UserDirectory;
import app.fitsocial.identity.UserSummary;
import app.fitsocial.messaging.MessageSent;
import app.fitsocial.social.ActivityCommented;
import app.fitsocial.social.ActivityLiked;
import app.fitsocial.social.UserFollowed;

/**
 * Turns other modules' events into notifications. Each listener runs after the publishing
 * transaction committed, asynchronously, in its own transaction; Spring Modulith's event
 * publication registry records the event with the publisher's commit and removes it once the
 * listener succeeds; an event a crash left outstanding is delivered again on the next start,
 * which the per-event source key makes harmless.
 */
@Component
class NotificationListeners {

    private final Notifications notifications;
    private final UserDirectory users;

    NotificationListeners(Notifications notifications, UserDirectory users) {
        this.notifications = notifications;
        this.users = users;
    }

    @ApplicationModuleListener
    void on(UserFollowed event) {
        notifications.create(event.followeeId(), NotificationType.NEW_FOLLOWER, event.followerId(), event.followerId(),
                name(event.followerId()) + " started following you",
                "follow:" + event.followerId() + ":" + event.followeeId());
    }

    @ApplicationModuleListener
    void on(ActivityLiked event) {
        if (event.likerId() != event.authorId()) {
            notifications.create(event.authorId(), NotificationType.LIKE, event.likerId(), event.activityId(),
                    name(event.likerId()) + " liked your activity",
                    "like:" + event.activityId() + ":" + event.likerId());
        }
    }

    @ApplicationModuleListener
    void on(ActivityCommented event) {
        if (event.commenterId() != event.authorId()) {
            notifications.create(event.authorId(), NotificationType.COMMENT, event.commenterId(), event.activityId(),
                    name(event.commenterId()) + " commented on your activity", "comment:" + event.commentId());
        }
    }

    @ApplicationModuleListener
    void on(MessageSent event) {
        String text = name(event.senderId()) + " sent you a message";
        for (long recipient : event.recipientIds()) {
            notifications.create(recipient, NotificationType.MESSAGE, event.senderId(), event.conversationId(), text,
                    "message:" + event.messageId() + ":" + recipient);
        }
    }

    private String name(long userId) {
        UserSummary summary = users.summaries(List.of(userId)).get(userId);
        return summary == null ? "Someone" : summary.displayName();
    }
}
