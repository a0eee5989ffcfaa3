package app.fitsocial.platform.persistence;

import org.springframework.modulith.NamedInterface;

/** SQL {@code LIKE} patterns built from user input, which must match literally. */
@NamedInterface("persistence")
public final class LikePattern {

    private LikePattern() {
    }

    /**
     * A pattern for values starting with {@code text}, its {@code %}, {@code _} and {@code \} escaped
     * with PostgreSQL's default escape character, so {@code "50%"} matches only a literal "50%".
     */
    public static String startingWith(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
