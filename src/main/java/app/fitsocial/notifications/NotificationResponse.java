package app.fitsocial.notifications;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import app.fitsocial.identity.UserSummary;

record NotificationResponse(long id, NotificationType type, @Nullable UserSummary actor, @Nullable Long subjectId,
        String text, boolean read, Instant createdAt) {
}
