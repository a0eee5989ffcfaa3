package app.fitsocial.groups;

/** A user left a group. */
public record GroupLeft(long groupId, long userId) {
}
