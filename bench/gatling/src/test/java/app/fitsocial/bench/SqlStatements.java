package app.fitsocial.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * SQL statements per request kind, from the {@code X-Sql-Statements} header the service adds when
 * {@code FITSOCIAL_OBSERVABILITY_SQL_COUNT_HEADER=true}; 304 answers are counted apart.
 */
final class SqlStatements {

    private record Tally(LongAdder requests, LongAdder statements) {
    }

    private static final Map<String, Tally> TALLIES = new ConcurrentHashMap<>();

    private SqlStatements() {
    }

    static void record(String kind, int status, String header) {
        if (header == null || header.isEmpty()) {
            return;
        }
        String key = status == 304 ? kind + " (304)" : kind;
        Tally tally = TALLIES.computeIfAbsent(key, k -> new Tally(new LongAdder(), new LongAdder()));
        tally.requests().increment();
        tally.statements().add(Long.parseLong(header));
    }

    /** Writes {@code kind<TAB>requests<TAB>statements} lines. */
    static void write(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(TALLIES).forEach((kind, tally) -> text.append(kind).append('\t').append(tally.requests().sum())
                .append('\t').append(tally.statements().sum()).append('\n'));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text);
    }
}
