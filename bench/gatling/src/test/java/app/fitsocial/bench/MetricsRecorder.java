package app.fitsocial.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Scrapes the service's {@code /actuator/prometheus} at a fixed period during a run and appends
 * the series that the charts and the report use to a file (the scrape text, each line prefixed by
 * its time in epoch milliseconds), so figures and pictures come from the service's own metrics.
 */
final class MetricsRecorder {

    static final Set<String> FAMILIES = Set.of("http_server_requests_seconds_count", "http_server_requests_seconds_sum",
            "http_server_requests_seconds_bucket", "cache_gets_total", "fitsocial_sql_statements_total",
            "hikaricp_connections_active", "hikaricp_connections_pending", "process_cpu_usage", "process_cpu_time_ns_total",
            "fitsocial_ratelimit_requests_total", "jvm_memory_used_bytes");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final Path file;
    private final Thread thread;
    private volatile boolean running = true;

    private MetricsRecorder(String baseUrl, Path file, Duration period) {
        this.baseUrl = baseUrl;
        this.file = file;
        this.thread = new Thread(() -> {
            while (running) {
                scrape();
                try {
                    Thread.sleep(period.toMillis());
                }
                catch (InterruptedException ex) {
                    return;
                }
            }
        }, "metrics-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    static MetricsRecorder start(String baseUrl, Path file, Duration period) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        return new MetricsRecorder(baseUrl, file, period);
    }

    /** One scrape, now: its text, or null when the service did not answer. */
    static String scrapeText(HttpClient http, String baseUrl) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                    .header("Accept", "text/plain").timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        }
        catch (IOException ex) {
            return null;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void scrape() {
        long now = System.currentTimeMillis();
        String text = scrapeText(http, baseUrl);
        if (text == null) {
            return;
        }
        StringBuilder kept = new StringBuilder();
        for (String line : text.split("\n")) {
            int end = line.indexOf('{') < 0 ? line.indexOf(' ') : line.indexOf('{');
            if (!line.startsWith("#") && end > 0 && FAMILIES.contains(line.substring(0, end))) {
                kept.append(now).append('\t').append(line).append('\n');
            }
        }
        try {
            Files.writeString(file, kept, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (IOException ex) {
            System.err.println("Could not record metrics: " + ex.getMessage());
        }
    }

    void stop() {
        scrape();
        running = false;
        thread.interrupt();
    }

    /** Reads a recording back, one sample per scrape. */
    static List<PrometheusSample> read(Path file) throws IOException {
        List<PrometheusSample> samples = new ArrayList<>();
        long current = -1;
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            int tab = line.indexOf('\t');
            long time = Long.parseLong(line.substring(0, tab));
            if (time != current && current >= 0) {
                samples.add(PrometheusSample.parse(current, text.toString(), n -> true));
                text.setLength(0);
            }
            current = time;
            text.append(line.substring(tab + 1)).append('\n');
        }
        if (current >= 0) {
            samples.add(PrometheusSample.parse(current, text.toString(), n -> true));
        }
        return samples;
    }
}
