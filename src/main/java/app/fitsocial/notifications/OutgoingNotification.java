package app.fitsocial.notifications;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A notification as it leaves the service. {@code idempotencyKey} is the same on every delivery
 * of the same notification, so a receiver can drop the duplicates that at-least-once delivery
 * allows.
 */
public record OutgoingNotification(String idempotencyKey, long id, long userId, String type,
        @Nullable Long actorId, @Nullable Long subjectId, String text, Instant createdAt) {
}
