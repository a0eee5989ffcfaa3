package app.fitsocial.platform.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The development run stops the servers a killed run left behind (named in pid files).
 * Real processes stand in for PostgreSQL: a copy of {@code sleep} named {@code postgres}.
 */
class EmbeddedServersTests {

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void killLeftovers() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private Process start(String programName) throws IOException {
        Path program = dir.resolve(programName);
        Files.copy(Path.of("/bin/sleep"), program);
        program.toFile().setExecutable(true);
        process = new ProcessBuilder(program.toString(), "300").start();
        return process;
    }

    private void pidFileNames(long pid) throws IOException {
        Files.writeString(dir.resolve("postmaster.pid"), pid + "\n" + dir + "\n");
    }

    @Test
    void stopsALiveServerNamedInThePidFile() throws Exception {
        Process orphan = start("postgres");
        pidFileNames(orphan.pid());

        EmbeddedServers.stopOrphan(dir.resolve("postmaster.pid"), "/postgres");

        assertThat(orphan.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(orphan.isAlive()).isFalse();
    }

    @Test
    void leavesAnyOtherProgramAlone() throws Exception {
        Process bystander = start("not-postgres");
        pidFileNames(bystander.pid());

        EmbeddedServers.stopOrphan(dir.resolve("postmaster.pid"), "/postgres");

        Thread.sleep(Duration.ofMillis(300).toMillis());
        assertThat(bystander.isAlive()).isTrue();
    }

    @Test
    void ignoresAStaleOrMissingPidFile() throws Exception {
        assertThatCode(() -> EmbeddedServers.stopOrphan(dir.resolve("postmaster.pid"), "/postgres")).doesNotThrowAnyException();
        pidFileNames(Long.MAX_VALUE);
        assertThatCode(() -> EmbeddedServers.stopOrphan(dir.resolve("postmaster.pid"), "/postgres")).doesNotThrowAnyException();
        Files.writeString(dir.resolve("postmaster.pid"), "garbage\n");
        assertThatCode(() -> EmbeddedServers.stopOrphan(dir.resolve("postmaster.pid"), "/postgres")).doesNotThrowAnyException();
    }
}
