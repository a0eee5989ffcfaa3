package app.fitsocial.classes;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A class as clients see it, with the spots still free and its rating. */
record ClassResponse(long id, String title, ClassType type, ProviderRef provider, Instant datetime,
        int durationMinutes, int capacity, int spotsLeft, String city, @Nullable BigDecimal ratingAverage,
        long ratingCount, Instant updatedAt) {

    /** The provider inside a class: id and name. */
    record ProviderRef(long id, String name) {
    }
}
