package app.fitsocial.platform.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Embedded PostgreSQL and Redis for the benchmark on a machine that has neither
 * ({@code bench/run.sh} without {@code DATABASE_URL}): starts both, keeps PostgreSQL's data in the
 * given directory (so a generated data set survives for the next run), writes their addresses
 * as shell assignments to the given file, and runs until it is stopped, stopping them with it.
 * <p>
 * {@code BenchmarkServers <data dir> <env file>}
 */
public final class BenchmarkServers {

    private BenchmarkServers() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        Path envFile = Path.of(args[1]).toAbsolutePath();
        var postgres = EmbeddedServers.postgres(dataDir);
        int redisPort = EmbeddedServers.redisPort(dataDir.getParent());
        Files.createDirectories(envFile.getParent());
        Files.writeString(envFile, """
                DATABASE_URL=jdbc:postgresql://127.0.0.1:%d/postgres
                PSQL_URL=postgresql://postgres@127.0.0.1:%d/postgres
                REDIS_URL=redis://127.0.0.1:%d
                """.formatted(postgres.getPort(), postgres.getPort(), redisPort));
        Thread.currentThread().join();
    }
}
