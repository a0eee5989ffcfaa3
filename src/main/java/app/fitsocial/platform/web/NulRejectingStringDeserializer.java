package app.fitsocial.platform.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Reads JSON strings like Jackson does, but refuses any holding a NUL character ({@code \u0000}):
 * PostgreSQL cannot store it in text, so it is invalid input, answered with a 400 that names the
 * field, rather than a failure at the database.
 */
class NulRejectingStringDeserializer extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
        String value = super.deserialize(parser, context);
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw InvalidFormatException.from(parser, "NUL characters are not allowed in text", value, String.class);
        }
        return value;
    }
}
