package app.fitsocial.platform.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.modulith.NamedInterface;

/**
 * Marks the page size class of a {@link PageQuery} argument: {@link Size#HEAVY} lists (feed,
 * activity, messages, conversations, matches, reviews, notifications, bookings) default to 10
 * items, the others to 20 (both configurable in {@link WebSettings.Pagination}).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@NamedInterface("web")
public @interface PageLimit {

    Size value();

    /** The size classes of lists. */
    enum Size {
        /** Ordinary lists: {@code fitsocial.web.pagination.default-limit}. */
        DEFAULT,
        /** Lists whose items are expensive to build: {@code fitsocial.web.pagination.heavy-default-limit}. */
        HEAVY
    }
}
