package app.fitsocial.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where the fault tests write their figures: the console, and one line per scenario in
 * {@code target/fault-figures.txt}, which {@code docs/reliability.md} quotes.
 */
public final class FaultReport {

    private FaultReport() {
    }

    public static void record(String scenario, String figures) {
        String line = "[fault] " + scenario + ": " + figures;
        System.out.println(line);
        try {
            Files.writeString(Path.of("target", "fault-figures.txt"), line + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
