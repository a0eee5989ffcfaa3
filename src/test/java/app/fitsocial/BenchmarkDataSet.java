package app.fitsocial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a reference data set with the benchmark's own generator script ({@code bench/dataset.sql})
 * over JDBC, so tests need no {@code psql}: psql's meta-commands are dropped and its variables
 * substituted, then each statement runs in turn. The sizes are those of {@code bench/generate.sh}.
 */
public final class BenchmarkDataSet {

    /** The S data set (CI smoke size). */
    public static final Map<String, String> SMALL = Map.ofEntries(Map.entry("users", "2000"), Map.entry("providers", "50"),
            Map.entry("classes", "2000"), Map.entry("bookings", "20000"), Map.entry("follows", "20000"),
            Map.entry("posts", "10000"), Map.entry("groups", "100"), Map.entry("memberships", "5000"),
            Map.entry("conversations", "2000"), Map.entry("messages", "20000"), Map.entry("reviews", "3000"));

    private static final Pattern VARIABLE = Pattern.compile("(?<!:):([a-z]+)\\b");

    private BenchmarkDataSet() {
    }

    public static void load(Connection connection, Map<String, String> sizes) throws IOException, SQLException {
        String script = Files.readString(Path.of("bench", "dataset.sql"));
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.startsWith("\\")) {
                sql.append(line).append('\n');
            }
        }
        Matcher variables = VARIABLE.matcher(sql);
        StringBuilder substituted = new StringBuilder();
        while (variables.find()) {
            String name = variables.group(1);
            String value = switch (name) {
                case "seed" -> "0.42";
                case "hash" -> "'not-a-bcrypt-hash'";
                default -> sizes.get(name);
            };
            variables.appendReplacement(substituted, Matcher.quoteReplacement(value == null ? variables.group() : value));
        }
        variables.appendTail(substituted);
        try (Statement statement = connection.createStatement()) {
            for (String each : substituted.toString().split(";\\s*\n")) {
                if (!each.strip().isEmpty() && !each.strip().lines().allMatch(l -> l.strip().startsWith("--"))) {
                    statement.execute(each);
                }
            }
        }
    }
}
