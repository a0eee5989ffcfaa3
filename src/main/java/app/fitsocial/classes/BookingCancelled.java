package app.fitsocial.classes;

import java.time.Instant;

/** A user cancelled a booking; published with the cancellation's commit. */
public record BookingCancelled(long bookingId, long userId, long classId, Instant classDatetime) {
}
