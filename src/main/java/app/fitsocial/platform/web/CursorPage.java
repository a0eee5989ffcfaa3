package app.fitsocial.platform.web;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The body of every list endpoint: {@code {"items": [...], "nextCursor": "..." | null}}.
 * A {@code Link: <...>; rel="next"} header is added to responses whose cursor is not null.
 */
public record CursorPage<T>(List<T> items, @Nullable String nextCursor) {

    /**
     * Builds a page from rows fetched with {@link PageQuery#fetchSize()}: the extra row, if present,
     * only signals that a next page exists, and the cursor is taken from the last row kept.
     */
    public static <R, T> CursorPage<T> of(List<R> rows, PageQuery query, Function<R, T> toItem,
            Function<R, String> cursorOf) {
        boolean more = rows.size() > query.limit();
        List<R> kept = more ? rows.subList(0, query.limit()) : rows;
        String next = more ? cursorOf.apply(kept.get(kept.size() - 1)) : null;
        return new CursorPage<>(kept.stream().map(toItem).toList(), next);
    }
}
