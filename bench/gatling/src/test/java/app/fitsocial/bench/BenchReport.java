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
 * Writes {@code RESULTS.md} and its charts from one run directory of {@code bench/run.sh}: the
 * wrk saturation figures ({@code saturation.tsv}, written by {@code bench/probe.py}), the cache
 * lookups around the steady-state run, and per mode the Gatling console output of the open
 * (fixed rate) run, the service's metrics recorded during it and the SQL statements per kind.
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

    /** One wrk figure: a kind or mix at saturation, and what it cost the service per request. */
    record Saturation(String label, double requests, double rps, double cpuMs, String redis, String sql, long non2xx,
            String p50, String p99, String socketErrors) {
    }

    static Map<String, Saturation> saturation(Path tsv) throws IOException {
        Map<String, Saturation> rows = new LinkedHashMap<>();
        if (Files.exists(tsv)) {
            for (String line : Files.readAllLines(tsv)) {
                String[] f = line.split("\t");
                rows.put(f[0], new Saturation(f[0], Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]), f[5], f[6], Long.parseLong(f[7]), f[8], f[9], f[10]));
            }
        }
        return rows;
    }

    public static void main(String[] args) throws IOException {
        Path run = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        Properties settings = new Properties();
        try (var reader = Files.newBufferedReader(run.resolve("settings.properties"))) {
            settings.load(reader);
        }
        double warmup = Double.parseDouble(settings.getProperty("warmup"));
        Map<String, Saturation> wrk = saturation(run.resolve("saturation.tsv"));
        Map<String, Map<String, Kind>> open = new LinkedHashMap<>();
        for (String mode : MODES) {
            open.put(mode, figures(run.resolve(mode + "-open.log")));
        }

        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append("Generated by `bench/run.sh ").append(settings.getProperty("size")).append("` on ")
                .append(settings.getProperty("date")).append(". Do not edit: run it again.\n\n");
        md.append("| | |\n|---|---|\n");
        for (String key : List.of("machine", "cpus", "memory", "jdk", "size", "dataset", "clients", "saturation", "steady",
                "rate", "warmup", "duration", "generator")) {
            md.append("| ").append(key).append(" | ").append(settings.getProperty(key, "—")).append(" |\n");
        }

        Saturation bare = wrk.get("bare: hello");
        Saturation hello = wrk.get("optimized: hello");
        Saturation mix = wrk.get("optimized: benchmark mix");
        Saturation readOnly = wrk.get("optimized: read-only mix");
        Saturation writeHeavy = wrk.get("optimized: write-heavy mix");
        Saturation baseline = wrk.get("baseline: benchmark mix");
        Map<String, Double> steady = steadyHitRates(run);
        md.append("\n## Targets\n\n| figure | measured | target |\n|---|---|---|\n");
        md.append("| hello / bare throughput | ").append(ratio(hello, bare)).append(" | ≥ 0.2 (aim 0.3) |\n");
        md.append("| benchmark mix / hello throughput | ").append(ratio(mix, hello)).append(" | ≥ 0.5 |\n");
        md.append("| write-heavy mix (20 % writes) / read-only mix throughput | ").append(ratio(writeHeavy, readOnly))
                .append(" | ≥ 0.8 |\n");
        md.append("| benchmark mix / baseline throughput | ").append(ratio(mix, baseline)).append(" | ≥ 10 |\n");
        if (hello != null) {
            Saturation costliest = wrk.values().stream().filter(r -> r.label().startsWith("optimized: ")
                    && !r.label().endsWith(" mix")).max(java.util.Comparator.comparingDouble(Saturation::cpuMs)).orElse(hello);
            md.append(String.format(Locale.ROOT, "| CPU per request of any kind / hello | %.1f× (%s) | ≤ 3× |%n",
                    costliest.cpuMs() / hello.cpuMs(), costliest.label().substring("optimized: ".length())));
        }
        steady.entrySet().stream().min(Map.Entry.comparingByValue()).ifPresent(lowest -> md.append(String.format(Locale.ROOT,
                "| steady-state hit rate, every cache | lowest %.1f %% (%s) | ≥ 90 %% |%n", lowest.getValue() * 100, lowest.getKey())));
        Map<String, Kind> optimizedOpen = open.get("optimized");
        if (!optimizedOpen.isEmpty()) {
            Map.Entry<String, Kind> p95 = optimizedOpen.entrySet().stream()
                    .max(java.util.Comparator.comparingDouble(e -> e.getValue().p95())).orElseThrow();
            Map.Entry<String, Kind> p99 = optimizedOpen.entrySet().stream()
                    .max(java.util.Comparator.comparingDouble(e -> e.getValue().p99())).orElseThrow();
            md.append(String.format(Locale.ROOT, "| p95 / p99 at half the mix's saturation, every kind | highest %.0f ms (%s) / %.0f ms (%s) | < 25 / < 50 ms |%n",
                    p95.getValue().p95(), p95.getKey(), p99.getValue().p99(), p99.getKey()));
        }

        md.append("\n## Throughput and cost at saturation (wrk)\n\n");
        md.append("Each row: ").append(settings.getProperty("saturation", "")).append(". CPU is the service process's ")
                .append("user and system time; Redis commands are those Redis executed (INFO commandstats, commands run ")
                .append("inside scripts included); SQL statements from the service's own counter. Answers that were not ")
                .append("2xx/3xx are ordinary refusals of the write kinds (a full class: 409; a booking already ")
                .append("cancelled: 404).\n\n");
        md.append("| workload | requests/s | CPU ms per request | × hello | Redis commands per request | SQL statements per request | not 2xx/3xx | p50 ms | p99 ms |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        wrk.values().forEach(r -> md.append(String.format(Locale.ROOT, "| %s | %,.0f | %.3f | %s | %s | %s | %d | %s | %s |%n",
                r.label(), r.rps(), r.cpuMs(), hello == null ? "—" : String.format(Locale.ROOT, "%.1f", r.cpuMs() / hello.cpuMs()),
                r.redis(), r.sql(), r.non2xx(), r.p50(), r.p99())));
        wrk.values().stream().filter(r -> !"-".equals(r.socketErrors())).forEach(r ->
                md.append("\nSocket errors in ").append(r.label()).append(": ").append(r.socketErrors()).append('\n'));

        md.append("\n## Cache hit rates at steady state\n\n");
        md.append("The benchmark mix for ").append(settings.getProperty("steady", "—"))
                .append(" s; rates over its second half, from `cache_gets_total` (a hit in L1 or L2 over all lookups).\n\n");
        md.append("| cache | hit rate |\n|---|---|\n");
        steady.forEach((cache, rate) -> md.append(String.format(Locale.ROOT, "| %s | %.1f %% |%n", cache, rate * 100)));

        md.append("\n## Latency at a fixed rate (Gatling, open model, ").append(settings.getProperty("rate"))
                .append(" requests/s, ").append(settings.getProperty("rate_fraction", "0.5"))
                .append(" of the benchmark mix's saturation throughput, the same in every mode)\n\n");
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

    private static String ratio(Saturation a, Saturation b) {
        return a == null || b == null || b.rps() <= 0 ? "—"
                : String.format(Locale.ROOT, "%.2f (%,.0f / %,.0f requests/s)", a.rps() / b.rps(), a.rps(), b.rps());
    }

    /** Hit rates over the second half of the steady run: lookups between the two snapshots. */
    static Map<String, Double> steadyHitRates(Path run) throws IOException {
        Map<String, double[]> half = gets(run.resolve("hits-half.json"));
        Map<String, double[]> end = gets(run.resolve("hits-end.json"));
        Map<String, Double> rates = new TreeMap<>();
        end.forEach((cache, e) -> {
            double[] h = half.getOrDefault(cache, new double[2]);
            double hits = e[0] - h[0];
            double misses = e[1] - h[1];
            if (hits + misses > 0) {
                rates.put(cache, hits / (hits + misses));
            }
        });
        return rates;
    }

    private static final Pattern GETS = Pattern.compile("\"([^\"]+)\": \\{\"hit\": ([0-9.eE+]+), \"miss\": ([0-9.eE+]+)\\}");

    private static Map<String, double[]> gets(Path json) throws IOException {
        Map<String, double[]> gets = new TreeMap<>();
        if (Files.exists(json)) {
            Matcher m = GETS.matcher(Files.readString(json));
            while (m.find()) {
                gets.put(m.group(1), new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))});
            }
        }
        return gets;
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
