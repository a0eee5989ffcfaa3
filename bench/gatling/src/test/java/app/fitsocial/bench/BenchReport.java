package app.fitsocial.bench;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.text.DecimalFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Writes {@code RESULTS.md} and its charts from one run directory of {@code bench/run.sh}: per
 * mode the Gatling console output of the closed (saturation) and open (fixed rate) runs, the
 * service's metrics recorded during the open run, and the SQL statements per request kind.
 * <p>
 * {@code BenchReport <run dir> <output dir>}
 */
public final class BenchReport {

    static final List<String> MODES = List.of("baseline", "optimized", "hello");
    private static final Pattern FIGURE = Pattern.compile(
            "^(.+): (count of all events|count of failed events|50th percentile of response time|95th percentile of response time"
                    + "|99th percentile of response time|max of response time) is greater than or equal to 0\\.0 : (?:true|false)"
                    + " \\(actual : ([0-9.]+)\\)$");

    /** Figures of one request kind in one Gatling run. */
    record Kind(double count, double failed, double p50, double p95, double p99, double max) {
    }

    /** The figures a Gatling run printed, per request kind (measured phase only). */
    static Map<String, Kind> figures(Path consoleLog) throws IOException {
        Map<String, Map<String, Double>> raw = new LinkedHashMap<>();
        if (Files.exists(consoleLog)) {
            for (String line : Files.readAllLines(consoleLog)) {
                Matcher m = FIGURE.matcher(line.strip());
                if (m.matches()) {
                    raw.computeIfAbsent(m.group(1), k -> new LinkedHashMap<>()).put(m.group(2), Double.parseDouble(m.group(3)));
                }
            }
        }
        Map<String, Kind> kinds = new LinkedHashMap<>();
        raw.forEach((kind, f) -> kinds.put(kind, new Kind(f.getOrDefault("count of all events", 0d),
                f.getOrDefault("count of failed events", 0d), f.getOrDefault("50th percentile of response time", 0d),
                f.getOrDefault("95th percentile of response time", 0d), f.getOrDefault("99th percentile of response time", 0d),
                f.getOrDefault("max of response time", 0d))));
        return kinds;
    }

    private static final Pattern GLOBAL = Pattern.compile("^> request count\\s+\\|\\s+([\\d,]+)\\s+\\|\\s+([\\d,]+)\\s+\\|\\s+([\\d,-]+)");

    /** Requests and failures of a whole Gatling run, warm-up included: {total, failed}, or null. */
    static long[] wholeRun(Path consoleLog) throws IOException {
        if (!Files.exists(consoleLog)) {
            return null;
        }
        for (String line : Files.readAllLines(consoleLog)) {
            Matcher m = GLOBAL.matcher(line.strip());
            if (m.find()) {
                String failed = m.group(3).replace(",", "");
                return new long[] {Long.parseLong(m.group(1).replace(",", "")), failed.equals("-") ? 0 : Long.parseLong(failed)};
            }
        }
        return null;
    }

    static double total(Map<String, Kind> kinds, boolean failedOnly) {
        return kinds.values().stream().mapToDouble(k -> failedOnly ? k.failed() : k.count()).sum();
    }

    public static void main(String[] args) throws IOException {
        Path run = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        Properties settings = new Properties();
        try (var reader = Files.newBufferedReader(run.resolve("settings.properties"))) {
            settings.load(reader);
        }
        double duration = Double.parseDouble(settings.getProperty("duration"));
        double warmup = Double.parseDouble(settings.getProperty("warmup"));

        Map<String, Map<String, Kind>> closed = new LinkedHashMap<>();
        Map<String, Map<String, Kind>> open = new LinkedHashMap<>();
        Map<String, Double> throughput = new LinkedHashMap<>();
        for (String mode : MODES) {
            closed.put(mode, figures(run.resolve(mode + "-closed.log")));
            open.put(mode, figures(run.resolve(mode + "-open.log")));
            throughput.put(mode, total(closed.get(mode), false) / duration);
        }

        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append("Generated by `bench/run.sh ").append(settings.getProperty("size")).append("` on ")
                .append(settings.getProperty("date")).append(". Do not edit: run it again.\n\n");
        md.append("| | |\n|---|---|\n");
        for (String key : List.of("machine", "cpus", "memory", "jdk", "size", "dataset", "clients", "concurrency", "rate",
                "warmup", "duration", "generator")) {
            md.append("| ").append(key).append(" | ").append(settings.getProperty(key, "—")).append(" |\n");
        }

        md.append("\n## Throughput at saturation (closed model)\n\n");
        md.append("| mode | requests/s | requests | errors | CPU s per 1,000 requests |\n|---|---|---|---|---|\n");
        for (String mode : MODES) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.0f | %.0f | %s |%n", mode, throughput.get(mode),
                    total(closed.get(mode), false), total(closed.get(mode), true),
                    cpuPerThousand(run.resolve(mode + "-closed-metrics.tsv"), warmup)));
        }
        double optimized = throughput.get("optimized");
        md.append(String.format(Locale.ROOT, "%n**optimized / baseline = %.1f×**, **optimized / hello = %.2f**%n",
                optimized / Math.max(throughput.get("baseline"), 1e-9), optimized / Math.max(throughput.get("hello"), 1e-9)));

        md.append("\n## Latency at a fixed rate (open model, ").append(settings.getProperty("rate"))
                .append(" requests/s, the same in every mode)\n\n");
        for (String mode : MODES) {
            Map<String, Kind> kinds = open.get(mode);
            md.append("### ").append(mode).append("\n\n");
            if (kinds.isEmpty()) {
                md.append("No figures (the run did not complete).\n\n");
                continue;
            }
            Map<String, double[]> sql = sql(run.resolve(mode + "-open-sql.tsv"));
            md.append("| request kind | count | errors | p50 ms | p95 ms | p99 ms | max ms | SQL statements per request |\n");
            md.append("|---|---|---|---|---|---|---|---|\n");
            kinds.forEach((name, k) -> md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %s |%n",
                    name, k.count(), k.failed(), k.p50(), k.p95(), k.p99(), k.max(), sqlPerRequest(sql, name))));
            if (sql.containsKey("revalidation (304)")) {
                md.append("| revalidation answered 304 | ").append(String.format(Locale.ROOT, "%.0f", sql.get("revalidation (304)")[0]))
                        .append(" | | | | | | ").append(sqlPerRequest(sql, "revalidation (304)")).append(" |\n");
            }
            Map<String, Double> hits = hitRates(run.resolve(mode + "-open-metrics.tsv"), warmup);
            md.append("\nCache hit rate (a hit in L1 or L2 over all lookups, from `cache_gets_total`): ");
            md.append(hits.isEmpty() ? "no cache lookups." : String.join(", ", hits.entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %.1f %%", e.getKey(), e.getValue() * 100)).toList()) + ".");
            md.append(String.format(Locale.ROOT, "%nCPU s per 1,000 requests: %s.%n",
                    cpuPerThousand(run.resolve(mode + "-open-metrics.tsv"), warmup)));
            long[] whole = wholeRun(run.resolve(mode + "-open.log"));
            if (whole != null) {
                md.append(String.format(Locale.ROOT, "Warm-up and measured phase together: %,d requests, %,d failed.%n",
                        whole[0], whole[1]));
            }
            md.append('\n');
        }
        md.append("## Rate limits\n\n").append(Files.exists(run.resolve("ratelimit.log"))
                && Files.readString(run.resolve("ratelimit.log")).contains("login over the limit: percentage of successful events is 100.0 : true")
                ? "A client over its limit got 429 with `Retry-After` (`RateLimitSimulation`): passed.\n"
                : "`RateLimitSimulation` did not pass: see `ratelimit.log`.\n");
        md.append("\n![latency percentiles per mode](latency-percentiles.png)\n");
        if (Files.exists(run.resolve("optimized-open-metrics.tsv"))) {
            MetricsCharts.render(MetricsRecorder.read(run.resolve("optimized-open-metrics.tsv")), out.resolve("metrics-optimized.png"),
                    "optimized mode at the fixed rate: the service's own metrics");
            md.append("\n![the service's metrics during the optimized fixed-rate run](metrics-optimized.png)\n");
        }
        Files.writeString(out.resolve("RESULTS.md"), md);
        latencyChart(open, out.resolve("latency-percentiles.png"));
    }

    private static Map<String, double[]> sql(Path file) throws IOException {
        Map<String, double[]> sql = new TreeMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.split("\t");
                sql.put(parts[0], new double[] {Double.parseDouble(parts[1]), Double.parseDouble(parts[2])});
            }
        }
        return sql;
    }

    private static String sqlPerRequest(Map<String, double[]> sql, String kind) {
        double[] tally = sql.get(kind);
        return tally == null || tally[0] == 0 ? "—" : String.format(Locale.ROOT, "%.2f", tally[1] / tally[0]);
    }

    /** The window of a recording after the warm-up: its first and last samples. */
    private static PrometheusSample[] measured(Path recording, double warmup) throws IOException {
        if (!Files.exists(recording)) {
            return null;
        }
        List<PrometheusSample> samples = MetricsRecorder.read(recording);
        if (samples.size() < 2) {
            return null;
        }
        long from = samples.get(0).epochMillis() + (long) (warmup * 1000);
        PrometheusSample first = samples.stream().filter(s -> s.epochMillis() >= from).findFirst().orElse(samples.get(0));
        PrometheusSample last = samples.get(samples.size() - 1);
        return first == last ? null : new PrometheusSample[] {first, last};
    }

    static Map<String, Double> hitRates(Path recording, double warmup) throws IOException {
        PrometheusSample[] window = measured(recording, warmup);
        return window == null ? Map.of() : MetricsCharts.hitRates(window[0], window[1]);
    }

    static String cpuPerThousand(Path recording, double warmup) throws IOException {
        PrometheusSample[] window = measured(recording, warmup);
        if (window == null) {
            return "—";
        }
        double cpuSeconds = (window[1].sum("process_cpu_time_ns_total", s -> true, null).getOrDefault("", 0d)
                - window[0].sum("process_cpu_time_ns_total", s -> true, null).getOrDefault("", 0d)) / 1e9;
        double requests = MetricsCharts.delta(
                window[0].sum("http_server_requests_seconds_count", s -> s.label("uri").startsWith("/api/"), null),
                window[1].sum("http_server_requests_seconds_count", s -> s.label("uri").startsWith("/api/"), null))
                .getOrDefault("", 0d);
        return requests <= 0 || cpuSeconds <= 0 ? "—" : String.format(Locale.ROOT, "%.2f", cpuSeconds / requests * 1000);
    }

    private static void latencyChart(Map<String, Map<String, Kind>> open, Path png) throws IOException {
        CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(new CategoryAxis("request kind"));
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        for (String percentile : List.of("p50", "p95", "p99")) {
            DefaultCategoryDataset data = new DefaultCategoryDataset();
            open.forEach((mode, kinds) -> kinds.forEach((kind, k) -> data.addValue(Math.max(0.5,
                    switch (percentile) {
                        case "p50" -> k.p50();
                        case "p95" -> k.p95();
                        default -> k.p99();
                    }), mode, kind)));
            LogAxis axis = new LogAxis(percentile + " latency (ms, log scale)");
            axis.setSmallestValue(0.5);
            axis.setTickUnit(new NumberTickUnit(1));
            axis.setNumberFormatOverride(new DecimalFormat("#,##0.#"));
            BarRenderer renderer = new BarRenderer();
            renderer.setBarPainter(new StandardBarPainter());
            renderer.setShadowVisible(false);
            renderer.setSeriesPaint(0, new Color(0xC0504D));
            renderer.setSeriesPaint(1, new Color(0x4F81BD));
            renderer.setSeriesPaint(2, new Color(0x9BBB59));
            CategoryPlot sub = new CategoryPlot(data, null, axis, renderer);
            sub.setBackgroundPaint(Color.WHITE);
            sub.setRangeGridlinePaint(Color.LIGHT_GRAY);
            plot.add(sub, 1);
            if (plot.getSubplots().size() == 1) {
                plot.setFixedLegendItems(sub.getLegendItems());
            }
        }
        JFreeChart chart = new JFreeChart("Latency per request kind and mode at the fixed rate",
                new Font("SansSerif", Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1400, 1300);
    }

    private BenchReport() {
    }
}
