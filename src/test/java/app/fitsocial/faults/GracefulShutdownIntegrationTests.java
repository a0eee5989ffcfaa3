package app.fitsocial.faults;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import app.fitsocial.ApiClient;
import app.fitsocial.ApiResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM during steady load of slow requests (logins: a bcrypt comparison each): every request
 * the instance had received before the signal is answered in full, and the process then exits
 * by itself after draining.
 */
class GracefulShutdownIntegrationTests extends app.fitsocial.IntegrationTestSupport {

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    private JdbcConnectionDetails database;

    @Autowired
    private LettuceConnectionFactory redis;

    /** One request: when it was sent and answered (ms since the load started) and its status (0: no answer). */
    record Sent(long sentMillis, long answeredMillis, int status) {
    }

    @Test
    void sigtermDrainsTheRequestsInFlight() throws Exception {
        Map<String, String> environment = ServiceProcess.sharing(database, redis);
        Queue<Sent> outcomes = new ConcurrentLinkedQueue<>();
        long terminatedAt;
        int exitCode;
        long exitedAt;
        try (ServiceProcess service = ServiceProcess.start("graceful", environment)) {
            ApiClient client = new ApiClient(service.port());
            List<String> emails = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String email = unique("drain") + "@test.fitsocial.app";
                assertThat(client.post("/api/v1/auth/register", null,
                        Map.of("email", email, "password", PASSWORD, "displayName", "Drain")).status()).isEqualTo(201);
                emails.add(email);
            }
            long start = System.nanoTime();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(12);
            for (int i = 0; i < 12; i++) {
                String email = emails.get(i % emails.size());
                clients.submit(() -> {
                    while (running.get()) {
                        long sent = (System.nanoTime() - start) / 1_000_000;
                        int status;
                        try {
                            ApiResponse response = client.post("/api/v1/auth/login", null,
                                    Map.of("email", email, "password", PASSWORD));
                            status = response.status();
                        }
                        catch (RuntimeException noAnswer) {
                            status = 0;
                        }
                        outcomes.add(new Sent(sent, (System.nanoTime() - start) / 1_000_000, status));
                        if (status == 0) {
                            return;
                        }
                    }
                });
            }
            Thread.sleep(4_000);
            terminatedAt = (System.nanoTime() - start) / 1_000_000;
            exitCode = service.terminate();
            exitedAt = (System.nanoTime() - start) / 1_000_000;
            running.set(false);
            clients.shutdown();
            clients.awaitTermination(30, TimeUnit.SECONDS);
            assertThat(Files.readString(service.log())).contains("Graceful shutdown complete");
        }
        // sent well before the signal: the instance had them; they must all be answered in full
        List<Sent> received = outcomes.stream().filter(o -> o.sentMillis() < terminatedAt - 100).toList();
        List<Sent> inFlight = received.stream().filter(o -> o.answeredMillis() > terminatedAt).toList();
        long cutOff = received.stream().filter(o -> o.status() != 200).count();
        FaultReport.record("SIGTERM under load (12 clients logging in)", received.size() + " requests sent before the signal, "
                + inFlight.size() + " of them still in flight at the signal, " + cutOff + " not answered with 200; exited "
                + (exitedAt - terminatedAt) + " ms after the signal with code " + exitCode);

        assertThat(inFlight).as("requests in flight at the signal").isNotEmpty();
        assertThat(cutOff).as("requests received before the signal but not answered in full").isZero();
        // the JVM ends as a process ended by SIGTERM (128 + 15) once its shutdown hooks are done
        assertThat(exitCode).isEqualTo(143);
    }
}
