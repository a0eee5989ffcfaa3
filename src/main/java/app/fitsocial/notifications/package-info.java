/**
 * Notifications: in-app notifications created from other modules' events (new follower, message,
 * like, comment). Nothing depends on it.
 */
@NullMarked
package app.fitsocial.notifications;

import org.jspecify.annotations.NullMarked;
