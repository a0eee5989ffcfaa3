package app.fitsocial.platform.observability;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metrics, the request log and the slow-query log of the running service, read the way an
 * operator reads them: a Prometheus scrape and the log output.
 */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIntegrationTests extends IntegrationTestSupport {

    @Autowired
    private MeterRegistry registry;

    private String scrape() {
        ApiResponse response = api().send(api().request("/actuator/prometheus", null).setHeader("Accept", "text/plain"));
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    @Test
    void requestMetricsCarryHistogramsAndTheTagsAnErrorRateNeeds() {
        TestUser user = newUser();
        api().get("/api/v1/classes", null);
        api().get("/api/v1/users/me", user.token());
        api().get("/api/v1/users/999999999", user.token());
        api().get("/api/v1/users/me", null);

        String metrics = scrape();
        assertThat(metrics).containsPattern(
                "http_server_requests_seconds_bucket\\{application=\"fitsocial\",error=\"none\",exception=\"none\",method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/users/me\",le=\"[0-9.]+\"\\}");
        assertThat(metrics).containsPattern(
                "http_server_requests_seconds_count\\{[^}]*outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"/api/v1/users/\\{id\\}\"\\}");
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*outcome=\"CLIENT_ERROR\",status=\"401\"");
        for (String name : List.of("hikaricp_connections_active", "jvm_memory_used_bytes", "jvm_threads_live_threads",
                "cache_gets_total", "fitsocial_ratelimit_requests_total", "fitsocial_sql_statements_total",
                "fitsocial_sql_slow_total", "fitsocial_jobs_runs_seconds_count", "fitsocial_notifications_outbox_backlog",
                "jobrunr_jobs_by_state")) {
            assertThat(metrics).as(name).containsPattern("(?m)^" + name + "\\{");
        }
        // one common tag on every series
        metrics.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .forEach(line -> assertThat(line).contains("application=\"fitsocial\""));
    }

    @Test
    void everyRequestGetsOneLogLineAndScrapesNone(CapturedOutput output) throws InterruptedException {
        TestUser user = newUser();
        api().send(api().request("/api/v1/users/me", user.token()).header("X-Request-Id", "log-test-owner"));
        api().send(api().request("/api/v1/users/me", null).header("X-Request-Id", "log-test-anonymous"));
        api().send(api().request("/actuator/health", null).header("X-Request-Id", "log-test-health"));
        api().send(api().request("/actuator/prometheus", null).header("X-Request-Id", "log-test-scrape"));

        String owner = awaitLine(output, "request=log-test-owner");
        assertThat(owner).containsPattern("GET /api/v1/users/me 200 [0-9.]+ ms user=" + user.id()
                + " request=log-test-owner bytes=[1-9][0-9]*");
        assertThat(awaitLine(output, "request=log-test-anonymous"))
                .containsPattern("GET /api/v1/users/me 401 [0-9.]+ ms user=anonymous request=log-test-anonymous bytes=");
        assertThat(output.getAll().lines().filter(line -> line.contains("request=log-test-owner"))).hasSize(1);
        assertThat(output.getAll()).doesNotContain("request=log-test-health").doesNotContain("request=log-test-scrape");
    }

    /** A path Tomcat refuses to decode is a request like any other: one line, no failure of the log itself. */
    @Test
    void aPathTomcatCannotDecodeIsLoggedToo(CapturedOutput output) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write("GET /api/v1/classes/%ZZ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 400");
        }
        assertThat(awaitLine(output, "/api/v1/classes/%ZZ")).containsPattern("GET /api/v1/classes/%ZZ 400 [0-9.]+ ms");
        assertThat(output.getAll()).doesNotContain("RequestLogValve.isExcluded");
    }

    private static String awaitLine(CapturedOutput output, String marker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Supplier<String> line = () -> output.getAll().lines().filter(l -> l.contains(marker)).findFirst().orElse(null);
        while (line.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(line.get()).as("a log line with " + marker).isNotNull();
        return line.get();
    }

    @Test
    void aStatementSlowerThanTheThresholdIsLoggedOnceAndCounted(CapturedOutput output) {
        double before = registry.counter("fitsocial.sql.slow").count();
        MDC.put("requestId", "slow-query-test");
        try {
            jdbc.sql("SELECT pg_sleep(0.01) AS fast").query().singleRow();
            jdbc.sql("SELECT pg_sleep(0.6) AS slow").query().singleRow();
        }
        finally {
            MDC.remove("requestId");
        }
        assertThat(registry.counter("fitsocial.sql.slow").count() - before).isEqualTo(1);
        List<String> lines = output.getAll().lines().filter(l -> l.contains("Slow SQL")).toList();
        assertThat(lines).filteredOn(l -> l.contains("pg_sleep(0.6)")).singleElement().satisfies(line -> {
            Matcher duration = Pattern.compile("Slow SQL \\(([0-9]+) ms\\)").matcher(line);
            assertThat(duration.find()).isTrue();
            assertThat(Long.parseLong(duration.group(1))).isGreaterThanOrEqualTo(600);
            assertThat(line).contains("[slow-query-test]").contains("SELECT pg_sleep(0.6) AS slow");
        });
        assertThat(lines).noneMatch(l -> l.contains("pg_sleep(0.01)"));
    }

    @Test
    void onlyHealthAndPrometheusAreReachableAndHealthHasItsProbes() {
        TestUser user = newUser();
        for (String path : List.of("/actuator", "/actuator/env", "/actuator/beans", "/actuator/metrics",
                "/actuator/heapdump", "/actuator/loggers", "/actuator/configprops", "/actuator/threaddump",
                "/actuator/mappings", "/actuator/info", "/actuator/shutdown")) {
            // anonymous: refused before anything is looked up; with a token: there is nothing there
            assertThat(api().get(path, null).status()).as(path).isEqualTo(401);
            assertThat(api().get(path, user.token()).status()).as(path).isEqualTo(404);
        }
        ApiResponse readiness = api().get("/actuator/health/readiness", null);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("components").has("db")).isTrue();
        assertThat(readiness.json().path("components").has("redis")).isTrue();
        ApiResponse liveness = api().get("/actuator/health/liveness", null);
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().path("components").has("db")).as("a database outage must not restart instances")
                .isFalse();
    }
}
