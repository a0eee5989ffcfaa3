package app.fitsocial.platform.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The times a client may send: between {@value #EARLIEST} and {@value #LATEST}. Beyond them a
 * time cannot be stored (PostgreSQL's range ends earlier than Java's), would be written back
 * with a year of more than four digits that JavaScript's {@code Date} and Python's
 * {@code fromisoformat} refuse, or is a typo. Request bodies ({@link WebConfiguration}),
 * query parameters and cursors all check this, so a time outside is a 400 naming its field.
 */
public final class ClientTimes {

    public static final String EARLIEST = "1970-01-01T00:00:00Z";
    public static final String LATEST = "9999-12-31T23:59:59.999999Z";

    private static final Instant FIRST = Instant.parse(EARLIEST);
    private static final Instant LAST = Instant.parse(LATEST);

    private ClientTimes() {
    }

    public static boolean isWithinRange(Instant time) {
        return !time.isBefore(FIRST) && !time.isAfter(LAST);
    }

    /** Parses an ISO-8601 instant (a {@code Z} or an offset) within the range. */
    public static Instant parse(String text) {
        Instant time = java.time.OffsetDateTime.parse(text).toInstant();
        if (!isWithinRange(time)) {
            throw new DateTimeParseException("outside " + EARLIEST + " .. " + LATEST, text, 0);
        }
        return time;
    }
}
