package app.fitsocial.reviews;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A precomputed rating: average (null while unrated), count, how many reviews gave each of
 * 1..5 stars, and when it was computed (null while unrated).
 */
record RatingResponse(@Nullable BigDecimal average, long count, Map<String, Long> distribution,
        @Nullable Instant computedAt) {

    static RatingResponse unrated() {
        return new RatingResponse(null, 0, Map.of("1", 0L, "2", 0L, "3", 0L, "4", 0L, "5", 0L), null);
    }
}
