package app.fitsocial.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import app.fitsocial.FreePorts;

/**
 * The service in a process of its own (this JVM's class path, the production main class), so
 * that a test can stop it the way an orchestrator does: SIGTERM, or SIGKILL with no chance to
 * clean up.
 */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * The environment of an instance on the same PostgreSQL and Redis as the tests' own, with
     * raised limits for the tests' client and none of the jobs the tests run themselves scheduled.
     */
    static Map<String, String> sharing(JdbcConnectionDetails database, LettuceConnectionFactory redis) {
        Map<String, String> environment = new HashMap<>();
        environment.put("DATABASE_URL", database.getJdbcUrl());
        environment.put("DATABASE_USER", database.getUsername());
        environment.put("REDIS_URL", "redis://" + redis.getHostName() + ":" + redis.getPort());
        environment.put("RATE_LIMIT_RAISED_ADDRESSES", "127.0.0.1/32,::1/128");
        environment.put("FITSOCIAL_JOBS_FEED_REGENERATION_INTERVAL", "-");
        environment.put("FITSOCIAL_JOBS_NOTIFICATION_DELIVERY_INTERVAL", "-");
        environment.put("FITSOCIAL_JOBS_BOOKING_REMINDERS_INTERVAL", "-");
        return environment;
    }

    /** Starts the service with these environment variables added and waits until it is ready. */
    static ServiceProcess start(String name, Map<String, String> environment) throws IOException, InterruptedException {
        int port = FreePorts.any();
        Path log = Files.createDirectories(Path.of("target", "fault-logs")).resolve(name + "-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "app.fitsocial.FitSocialApplication"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        Process process = builder.start();
        ServiceProcess service = new ServiceProcess(process, port, log);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited while starting; see " + log);
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return service;
                }
            }
            catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        service.kill();
        throw new IllegalStateException(name + " did not become ready within 120 s; see " + log);
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM, then waits for the process to exit; returns its exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no graceful anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
