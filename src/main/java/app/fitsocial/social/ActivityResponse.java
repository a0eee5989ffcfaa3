package app.fitsocial.social;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import app.fitsocial.identity.UserSummary;

/** An activity as every list and detail shows it: complete with author, counts and likedByMe. */
record ActivityResponse(long id, ActivityType type, @Nullable String text, @Nullable Long classId,
        @Nullable Long groupId, @Nullable Integer durationMinutes, UserSummary author, long likesCount,
        long commentsCount, boolean likedByMe, Instant createdAt) {
}
