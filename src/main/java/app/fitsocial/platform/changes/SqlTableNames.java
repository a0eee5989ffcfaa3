package app.fitsocial.platform.changes;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the tables one SQL statement reads and writes, among the tables the schema really has.
 * It errs on the side of naming too many (an identifier that happens to equal a table name counts
 * as a read), never too few: a spurious name only makes a validator expire early.
 */
final class SqlTableNames {

    /** The tables a statement mentions ({@code read}) and the ones it changes ({@code written}). */
    record Access(Set<String> read, Set<String> written) {
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern WRITE_TARGET = Pattern.compile(
            "\\b(?:insert\\s+into|update|delete\\s+from|merge\\s+into|truncate(?:\\s+table)?)\\s+(?:only\\s+)?"
                    + "(?:\"?[a-z_][a-z0-9_]*\"?\\.)?\"?([a-z_][a-z0-9_]*)");

    private SqlTableNames() {
    }

    static Access parse(String sql, Set<String> tables) {
        String text = sql.toLowerCase(Locale.ROOT);
        Set<String> read = new HashSet<>();
        Matcher identifiers = IDENTIFIER.matcher(text);
        while (identifiers.find()) {
            String name = identifiers.group();
            if (tables.contains(name)) {
                read.add(name);
            }
        }
        Set<String> written = new HashSet<>();
        Matcher targets = WRITE_TARGET.matcher(text);
        while (targets.find()) {
            if (tables.contains(targets.group(1))) {
                written.add(targets.group(1));
            }
        }
        return new Access(Set.copyOf(read), Set.copyOf(written));
    }
}
