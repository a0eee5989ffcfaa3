package app.fitsocial.platform.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.util.FileSystemUtils;

import app.fitsocial.FreePorts;

/**
 * A PostgreSQL primary and a streaming replica of it, made the way {@code pg_basebackup} does it
 * (a base backup between {@code pg_backup_start} and {@code pg_backup_stop}, a replication slot,
 * {@code standby.signal} and {@code primary_conninfo}) with nothing but the server binaries.
 */
final class StreamingReplica implements AutoCloseable {

    private static final String SLOT = "fitsocial_test_replica";
    /** What a base backup leaves out (pg_basebackup leaves out the same). */
    private static final Set<String> SKIPPED = Set.of("postmaster.pid", "postmaster.opts", "pg_wal", "pg_replslot",
            "pg_stat_tmp", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");

    private final EmbeddedPostgres primary;
    private EmbeddedPostgres replica;
    private final Path primaryDir;
    private final Path replicaDir;
    private final int replicaPort;

    private StreamingReplica(EmbeddedPostgres primary, EmbeddedPostgres replica, Path primaryDir, Path replicaDir,
            int replicaPort) {
        this.primary = primary;
        this.replica = replica;
        this.primaryDir = primaryDir;
        this.replicaDir = replicaDir;
        this.replicaPort = replicaPort;
    }

    static StreamingReplica start() throws IOException, SQLException {
        Path primaryDir = Files.createTempDirectory("fitsocial-primary-");
        Path replicaDir = Files.createTempDirectory("fitsocial-replica-");
        EmbeddedPostgres primary = EmbeddedPostgres.builder().setDataDirectory(primaryDir).setCleanDataDirectory(false)
                .setPort(FreePorts.any()).setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1").setServerConfig("fsync", "off").start();
        String primaryUrl = primary.getJdbcUrl("postgres", "postgres");
        try (Connection connection = DriverManager.getConnection(primaryUrl, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_create_physical_replication_slot('" + SLOT + "', true)");
            statement.execute("SELECT pg_backup_start('fitsocial-test-replica', true)");
            copyDataDirectory(primaryDir, replicaDir);
            try (ResultSet stop = statement.executeQuery("SELECT labelfile FROM pg_backup_stop(false)")) {
                stop.next();
                Files.writeString(replicaDir.resolve("backup_label"), stop.getString(1));
            }
        }
        Files.createFile(replicaDir.resolve("standby.signal"));
        Files.writeString(replicaDir.resolve("postgresql.auto.conf"), "\nprimary_conninfo = 'host=127.0.0.1 port="
                + primary.getPort() + " user=postgres'\nprimary_slot_name = '" + SLOT + "'\n", StandardOpenOption.APPEND);
        int replicaPort = FreePorts.any();
        return new StreamingReplica(primary, startReplica(replicaDir, replicaPort), primaryDir, replicaDir, replicaPort);
    }

    private static EmbeddedPostgres startReplica(Path dir, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60)).setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("hot_standby", "on").start();
    }

    private static void copyDataDirectory(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(file);
                if (relative.getNameCount() > 0 && SKIPPED.contains(relative.getName(0).toString())) {
                    if (relative.getNameCount() == 1 && Files.isDirectory(file)) {
                        Files.createDirectories(to.resolve(relative));
                    }
                    continue;
                }
                try {
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to.resolve(relative));
                    }
                    else {
                        Files.copy(file, to.resolve(relative), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                catch (NoSuchFileException removedMeanwhile) {
                    // the server dropped it during the backup; replaying the WAL recreates what matters
                }
            }
        }
    }

    String primaryUrl() {
        return primary.getJdbcUrl("postgres", "postgres");
    }

    String replicaUrl() {
        return "jdbc:postgresql://127.0.0.1:" + replicaPort + "/postgres?user=postgres";
    }

    /** Runs SQL on the replica (e.g. {@code SELECT pg_wal_replay_pause()}). */
    void onReplica(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(replicaUrl());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Stops the replica server. */
    void stopReplica() throws IOException {
        if (replica != null) {
            replica.close();
            replica = null;
        }
    }

    @Override
    public void close() throws IOException {
        stopReplica();
        primary.close();
        FileSystemUtils.deleteRecursively(replicaDir);
        FileSystemUtils.deleteRecursively(primaryDir);
    }
}
