package app.fitsocial.platform.web;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * The body of every list endpoint: {@code {"items": [...], "nextCursor": "..." | null}}.
 * A {@code Link: <...>; rel="next"} header is added to responses whose cursor is not null.
 */
@NamedInterface("web")
public record CursorPage<T>(List<T> items, @Nullable String nextCursor) {

    /**
     * Builds a page from rows fetched with {@link PageQuery#fetchSize()}: the extra row, if present,
     * only signals that a next page exists, and the cursor is taken from the last row kept.
     */
    public static <T> CursorPage<T> of(List<T> rows, PageQuery query, Function<T, String> cursorOf) {
        boolean more = rows.size() > query.limit();
        List<T> kept = more ? List.copyOf(rows.subList(0, query.limit())) : rows;
        return new CursorPage<>(kept, more ? cursorOf.apply(kept.get(kept.size() - 1)) : null);
    }

    /** The same page with each item turned into another. */
    public <U> CursorPage<U> map(Function<? super T, ? extends U> mapper) {
        return new CursorPage<>(items.stream().<U>map(mapper).toList(), nextCursor);
    }

    /**
     * The same page with all items turned into others at once, for conversions that look things
     * up for the whole page in one query (names, likes); the function may drop items.
     */
    public <U> CursorPage<U> mapItems(Function<List<T>, List<U>> mapper) {
        return new CursorPage<>(items.isEmpty() ? List.of() : mapper.apply(items), nextCursor);
    }
}
