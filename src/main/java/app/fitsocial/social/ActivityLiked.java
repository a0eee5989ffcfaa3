package app.fitsocial.social;

/** {@code likerId} liked an activity of {@code authorId}. */
public record ActivityLiked(long activityId, long authorId, long likerId) {
}
