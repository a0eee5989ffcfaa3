package app.fitsocial.identity;

/**
 * A user's {@code followersCount} changed from {@code before} to {@code after}, published inside
 * the transaction that changed it: by a follow or unfollow counted on the user's row, or by the
 * folding of deferred counts ({@link FollowersCountFolding}) for users with many followers.
 */
public record FollowersCountChanged(long userId, long before, long after) {
}
