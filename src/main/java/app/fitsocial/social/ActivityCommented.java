package app.fitsocial.social;

/** {@code commenterId} commented on an activity of {@code authorId}. */
public record ActivityCommented(long activityId, long commentId, long authorId, long commenterId) {
}
