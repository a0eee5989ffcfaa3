package app.fitsocial.platform.jobs;

import java.time.Duration;

import org.jobrunr.server.BackgroundJobServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** A background job server that stopped (as JobRunr does after storage errors) runs again by itself. */
class JobServerWatchdogIntegrationTests extends IntegrationTestSupport {

    @Autowired
    private BackgroundJobServer server;

    @Test
    void restartsAStoppedJobServer() throws InterruptedException {
        server.stop();
        assertThat(server.isRunning()).isFalse();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!server.isRunning() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(server.isRunning()).isTrue();
    }
}
