package app.fitsocial.social;

/** An author deleted one of their activities. */
public record ActivityDeleted(long activityId, long authorId) {
}
