package app.fitsocial.social;

/** {@code followerId} stopped following {@code followeeId}. */
public record UserUnfollowed(long followerId, long followeeId) {
}
