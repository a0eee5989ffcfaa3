package app.fitsocial.platform.web;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * The pagination arguments of a list request: how many items ({@code limit}, already checked
 * against its bounds) and where to continue ({@code cursor}, opaque, possibly absent).
 * Controllers receive it as a method argument; see {@link PageLimit} for the default size.
 */
@NamedInterface("web")
public record PageQuery(int limit, @Nullable String cursor) {

    /** Rows to fetch so that one extra tells whether a next page exists. */
    public int fetchSize() {
        return limit + 1;
    }
}
