/**
 * Notifications: in-app notifications created from other modules' events (new follower, message,
 * like, comment, booking reminders), and their delivery out of the service: an outbox sent in
 * batches by a recurring job through a {@link app.fitsocial.notifications.NotificationSender}
 * (a webhook, or a log line by default). Nothing depends on it.
 */
@NullMarked
package app.fitsocial.notifications;

import org.jspecify.annotations.NullMarked;
