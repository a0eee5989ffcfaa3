package app.fitsocial.platform.web;

import java.text.Normalizer;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Reads JSON strings like Jackson does, then:
 * <ul>
 * <li>refuses any holding a NUL character ({@code \u0000}): PostgreSQL cannot store it in text,
 * so it is invalid input, answered with a 400 that names the field, rather than a failure at the
 * database;</li>
 * <li>refuses a lone UTF-16 surrogate (a JSON escape such as {@code \ud800} without its other
 * half): it is no character, and UTF-8 storage would turn it into {@code ?};</li>
 * <li>brings the text to Unicode NFC, so that the same characters are stored the same way however
 * the client's keyboard composed them ("é" as one code point or as e and a combining accent),
 * and lengths, comparisons and searches agree.</li>
 * </ul>
 */
class RequestTextDeserializer extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
        String value = super.deserialize(parser, context);
        if (value == null) {
            return null;
        }
        if (value.indexOf('\u0000') >= 0) {
            throw InvalidFormatException.from(parser, "NUL characters are not allowed in text", value, String.class);
        }
        if (hasLoneSurrogate(value)) {
            // JSON's \ud800 escapes can spell one half of a pair, which no encoding can store
            throw InvalidFormatException.from(parser, "Text must be valid Unicode (a lone surrogate)", value, String.class);
        }
        return Normalizer.isNormalized(value, Normalizer.Form.NFC) ? value : Normalizer.normalize(value, Normalizer.Form.NFC);
    }

    /** Whether a code point of the text is half a surrogate pair: {@code codePoints()} yields only those alone. */
    private static boolean hasLoneSurrogate(String value) {
        return value.codePoints().anyMatch(codePoint -> Character.getType(codePoint) == Character.SURROGATE);
    }
}
