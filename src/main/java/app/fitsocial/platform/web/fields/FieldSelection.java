package app.fitsocial.platform.web.fields;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import org.springframework.modulith.NamedInterface;

/**
 * The fields a client asked for with {@code ?fields=}, Google-style: {@code id,author(id,displayName)}.
 * A field without parentheses is kept whole; with parentheses only the named sub-fields are kept.
 * {@link #ALL} keeps everything (no {@code fields} parameter).
 *
 * <p>Controllers receive the request's selection as an argument and pass it to code that fills
 * expensive fields, which skips what is not asked for; an unrequested field is removed from the
 * response anyway, so whatever it holds is never seen.
 */
@NamedInterface("web")
public final class FieldSelection {

    /** Everything: the selection of a request without {@code fields}. */
    public static final FieldSelection ALL = new FieldSelection(null);

    static final String REQUEST_ATTRIBUTE = FieldSelection.class.getName();

    /** Selected names and their sub-selection ({@link #ALL} for a field kept whole); null for all fields. */
    private final @Nullable Map<String, FieldSelection> fields;

    FieldSelection(@Nullable Map<String, FieldSelection> fields) {
        this.fields = fields == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Parses a {@code fields} expression; a malformed one is rejected with its position. */
    public static FieldSelection parse(String expression) {
        return new FieldSelectionParser(expression).parse();
    }

    public boolean isAll() {
        return fields == null;
    }

    /** Whether the field is part of the response (wholly or some of its sub-fields). */
    public boolean includes(String field) {
        return fields == null || fields.containsKey(field);
    }

    /** The selection inside a field: {@link #ALL} when it is kept whole or everything is selected. */
    public FieldSelection of(String field) {
        if (fields == null) {
            return ALL;
        }
        FieldSelection nested = fields.get(field);
        return nested == null ? ALL : nested;
    }

    Map<String, FieldSelection> fields() {
        return fields == null ? Map.of() : fields;
    }

    /** Keeps only the selected fields of an object, or of each object of an array; other values pass unchanged. */
    public JsonNode apply(JsonNode node) {
        if (fields == null) {
            return node;
        }
        if (node.isArray()) {
            node.forEach(this::apply);
            return node;
        }
        if (node instanceof ObjectNode object) {
            object.retain(fields.keySet());
            fields.forEach((name, nested) -> {
                JsonNode value = object.get(name);
                if (value != null && !nested.isAll()) {
                    nested.apply(value);
                }
            });
        }
        return node;
    }

    @Override
    public String toString() {
        if (fields == null) {
            return "*";
        }
        StringBuilder text = new StringBuilder();
        fields.forEach((name, nested) -> {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(name);
            if (!nested.isAll()) {
                text.append('(').append(nested).append(')');
            }
        });
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldSelection selection && java.util.Objects.equals(fields, selection.fields);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(fields);
    }
}
