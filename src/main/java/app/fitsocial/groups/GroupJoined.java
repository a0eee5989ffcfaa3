package app.fitsocial.groups;

/** A user joined a group (published once per actual change, not for an idempotent repeat). */
public record GroupJoined(long groupId, long userId) {
}
