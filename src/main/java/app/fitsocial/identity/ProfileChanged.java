package app.fitsocial.identity;

/** A user changed their own profile (name, bio, level, interests, city, location). */
public record ProfileChanged(long userId) {
}
