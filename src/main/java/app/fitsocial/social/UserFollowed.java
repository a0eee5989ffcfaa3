package app.fitsocial.social;

/** {@code followerId} started following {@code followeeId}. */
public record UserFollowed(long followerId, long followeeId) {
}
