package app.fitsocial.platform.web.fields;

import java.util.LinkedHashMap;
import java.util.Map;

import app.fitsocial.platform.web.InvalidFieldException;

/**
 * Recursive-descent parser of {@code fields} expressions:
 * <pre>
 * selection := field ( ',' field )*
 * field     := name ( '(' selection ')' )?
 * name      := [A-Za-z_][A-Za-z0-9_]*
 * </pre>
 * Spaces around names and punctuation are allowed. Expressions are bounded in length and depth,
 * and every error names what was wrong and where.
 */
final class FieldSelectionParser {

    static final int MAX_LENGTH = 1_000;
    static final int MAX_DEPTH = 8;

    private final String text;
    private int position;

    FieldSelectionParser(String text) {
        this.text = text;
    }

    FieldSelection parse() {
        if (text.length() > MAX_LENGTH) {
            throw invalid("is longer than " + MAX_LENGTH + " characters");
        }
        skipSpaces();
        if (position == text.length()) {
            throw invalid("is empty");
        }
        FieldSelection selection = selection(1);
        if (position < text.length()) {
            throw invalid("has an unexpected '" + text.charAt(position) + "' at position " + (position + 1));
        }
        return selection;
    }

    private FieldSelection selection(int depth) {
        if (depth > MAX_DEPTH) {
            throw invalid("nests deeper than " + MAX_DEPTH + " levels");
        }
        Map<String, FieldSelection> fields = new LinkedHashMap<>();
        do {
            skipSpaces();
            String name = name();
            FieldSelection nested = FieldSelection.ALL;
            skipSpaces();
            if (peek('(')) {
                position++;
                nested = selection(depth + 1);
                skipSpaces();
                if (!peek(')')) {
                    throw invalid(position < text.length()
                            ? "has an unexpected '" + text.charAt(position) + "' at position " + (position + 1)
                            : "misses a closing ')'");
                }
                position++;
                skipSpaces();
            }
            if (fields.putIfAbsent(name, nested) != null) {
                throw invalid("names '" + name + "' twice");
            }
        } while (consume(','));
        return new FieldSelection(fields);
    }

    private String name() {
        int start = position;
        if (position < text.length() && isNameStart(text.charAt(position))) {
            position++;
            while (position < text.length() && isNamePart(text.charAt(position))) {
                position++;
            }
        }
        if (start == position) {
            throw invalid(position < text.length()
                    ? "expects a field name at position " + (position + 1) + " but found '" + text.charAt(position) + "'"
                    : "ends where a field name is expected");
        }
        return text.substring(start, position);
    }

    private boolean consume(char expected) {
        skipSpaces();
        if (peek(expected)) {
            position++;
            return true;
        }
        return false;
    }

    private boolean peek(char expected) {
        return position < text.length() && text.charAt(position) == expected;
    }

    private void skipSpaces() {
        while (position < text.length() && text.charAt(position) == ' ') {
            position++;
        }
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    private static InvalidFieldException invalid(String problem) {
        return new InvalidFieldException("fields", "expression " + problem);
    }
}
