package app.fitsocial.platform.web;

import java.time.DateTimeException;
import java.time.Instant;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Reads a time of a request body: an ISO-8601 string with {@code Z} or an offset, within
 * {@link ClientTimes}' range. A number (an epoch, which Jackson would take in seconds or
 * milliseconds as it guesses) or a time outside the range is a 400 naming the field.
 */
class ClientInstantDeserializer extends StdScalarDeserializer<Instant> {

    ClientInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return (Instant) context.handleUnexpectedToken(Instant.class, parser);
        }
        String text = parser.getString();
        try {
            return ClientTimes.parse(text);
        }
        catch (DateTimeException invalid) {
            throw InvalidFormatException.from(parser, "not an ISO-8601 time between " + ClientTimes.EARLIEST + " and "
                    + ClientTimes.LATEST, text, Instant.class);
        }
    }
}
