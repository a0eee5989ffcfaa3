package app.fitsocial.identity;

/** The public face of a user inside other resources (authors, participants): id and display name. */
public record UserSummary(long id, String displayName) {
}
