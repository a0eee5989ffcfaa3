package app.fitsocial.classes;

import java.time.Instant;

/** A user booked a fitness class; published with the booking's commit. */
public record ClassBooked(long bookingId, long userId, long classId, String classTitle, Instant classDatetime) {
}
