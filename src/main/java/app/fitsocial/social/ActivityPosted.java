package app.fitsocial.social;

import org.jspecify.annotations.Nullable;

/** A user posted an activity (possibly into a group). */
public record ActivityPosted(long activityId, long authorId, @Nullable Long groupId) {
}
