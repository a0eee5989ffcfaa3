package app.fitsocial.platform.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.springframework.modulith.NamedInterface;

/**
 * Opaque keyset cursors: the sort key of the last item of a page and its id, base64url-encoded.
 * Clients must not interpret them. A cursor is accepted only if it decodes to values this
 * service could have handed out (an id of 0 or more, a time between 1970 and 9999, a text key
 * without NUL and at most {@value #MAX_TEXT} characters); anything else is the one 400
 * {@code cursor} problem, never a 409 or a 500 from the database.
 */
@NamedInterface("web")
public final class Cursor {

    private static final String VERSION = "1";
    private static final int MAX_TEXT = 500;
    private static final char SEPARATOR = '\u001f';

    private Cursor() {
    }

    /** A position after an item sorted by a time, ties broken by id. */
    public record TimeId(Instant time, long id) {
    }

    /** A position after an item sorted by a text key, ties broken by id. */
    public record TextId(String text, long id) {
    }

    public static String ofTime(Instant time, long id) {
        return encode("t", Long.toString(time.getEpochSecond()), Integer.toString(time.getNano()), Long.toString(id));
    }

    public static String ofText(String text, long id) {
        return encode("s", text, Long.toString(id));
    }

    public static String ofId(long id) {
        return encode("i", Long.toString(id));
    }

    public static TimeId decodeTime(String cursor) {
        String[] parts = decode(cursor, "t", 3);
        try {
            long nanos = Long.parseLong(parts[1]);
            Instant time = Instant.ofEpochSecond(Long.parseLong(parts[0]), nanos);
            if (nanos < 0 || nanos > 999_999_999 || !ClientTimes.isWithinRange(time)) {
                throw invalid();
            }
            return new TimeId(time, id(parts[2]));
        }
        catch (RuntimeException ex) {
            throw invalid();
        }
    }

    public static TextId decodeText(String cursor) {
        String[] parts = decode(cursor, "s", 2);
        String text = parts[0];
        if (text.indexOf('\u0000') >= 0 || text.codePointCount(0, text.length()) > MAX_TEXT) {
            throw invalid();
        }
        return new TextId(text, id(parts[1]));
    }

    public static long decodeId(String cursor) {
        return id(decode(cursor, "i", 1)[0]);
    }

    /** An id as the service issues them: a whole number of 0 or more. */
    private static long id(String text) {
        try {
            long id = Long.parseLong(text);
            if (id < 0) {
                throw invalid();
            }
            return id;
        }
        catch (NumberFormatException ex) {
            throw invalid();
        }
    }

    private static String encode(String kind, String... parts) {
        StringBuilder text = new StringBuilder(VERSION).append(SEPARATOR).append(kind);
        for (String part : parts) {
            text.append(SEPARATOR).append(part);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor, String kind, int count) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            throw invalid();
        }
        String[] all = text.split(String.valueOf(SEPARATOR), -1);
        if (all.length != count + 2 || !all[0].equals(VERSION) || !all[1].equals(kind)) {
            throw invalid();
        }
        String[] parts = new String[count];
        System.arraycopy(all, 2, parts, 0, count);
        return parts;
    }

    private static InvalidFieldException invalid() {
        return new InvalidFieldException("cursor", "is not a cursor this list handed out; start again without it");
    }
}
