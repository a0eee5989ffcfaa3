package app.fitsocial.classes;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** The filters of a class listing; {@code from} is inclusive, {@code to} exclusive. */
record ClassFilter(Instant from, @Nullable Instant to, @Nullable Long providerId, @Nullable ClassType type,
        @Nullable String city) {
}
