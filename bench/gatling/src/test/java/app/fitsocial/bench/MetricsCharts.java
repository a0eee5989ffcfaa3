package app.fitsocial.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Renders a recording of {@link MetricsRecorder} as one PNG of three stacked charts over the
 * run's time: requests per second per endpoint, p95 latency per endpoint (from the histogram
 * buckets between two scrapes, interpolated as Prometheus' {@code histogram_quantile} does), and
 * the hit rate of each cache.
 * <p>
 * {@code main(recording, png, title)} renders a recording file.
 */
public final class MetricsCharts {

    private static final Predicate<PrometheusSample.Series> API =
            s -> s.label("uri").startsWith("/api/") && !s.label("outcome").equals("CLIENT_ERROR");

    public static void main(String[] args) throws IOException {
        render(MetricsRecorder.read(Path.of(args[0])), Path.of(args[1]), args.length > 2 ? args[2] : "FitSocial");
    }

    static void render(List<PrometheusSample> samples, Path png, String title) throws IOException {
        if (samples.size() < 2) {
            throw new IllegalArgumentException("A chart needs at least two scrapes");
        }
        long start = samples.get(0).epochMillis();
        XYSeriesCollection rates = new XYSeriesCollection();
        XYSeriesCollection p95 = new XYSeriesCollection();
        XYSeriesCollection hits = new XYSeriesCollection();
        Map<String, XYSeries> rateSeries = new TreeMap<>();
        Map<String, XYSeries> p95Series = new TreeMap<>();
        Map<String, XYSeries> hitSeries = new TreeMap<>();
        for (int i = 1; i < samples.size(); i++) {
            PrometheusSample before = samples.get(i - 1);
            PrometheusSample after = samples.get(i);
            double seconds = (after.epochMillis() - before.epochMillis()) / 1000.0;
            double x = (after.epochMillis() - start) / 1000.0;
            Map<String, Double> counts = delta(before.sum("http_server_requests_seconds_count", API, "uri"),
                    after.sum("http_server_requests_seconds_count", API, "uri"));
            counts.forEach((uri, count) -> {
                if (count > 0) {
                    rateSeries.computeIfAbsent(uri, XYSeries::new).add(x, count / seconds);
                }
            });
            for (String uri : counts.keySet()) {
                Double quantile = quantile(0.95, before, after, uri);
                if (quantile != null) {
                    p95Series.computeIfAbsent(uri, XYSeries::new).add(x, quantile * 1000);
                }
            }
            hitRates(before, after).forEach((cache, rate) -> hitSeries.computeIfAbsent(cache, XYSeries::new).add(x, rate * 100));
        }
        rateSeries.values().forEach(rates::addSeries);
        p95Series.values().forEach(p95::addSeries);
        hitSeries.values().forEach(hits::addSeries);

        NumberAxis time = new NumberAxis("seconds since the first scrape");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.add(plot("requests / s", rates), 1);
        plot.add(plot("p95 latency (ms)", p95), 1);
        plot.add(plot("cache hit rate (%)", hits), 1);
        plot.setGap(12);
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1400, 1500);
    }

    private static XYPlot plot(String label, XYSeriesCollection data) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        XYPlot plot = new XYPlot(data, null, new NumberAxis(label), renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> delta = new TreeMap<>();
        after.forEach((key, value) -> delta.put(key, value - before.getOrDefault(key, 0d)));
        return delta;
    }

    /** The q-quantile of one endpoint's latency between two scrapes, in seconds; null without requests. */
    static Double quantile(double q, PrometheusSample before, PrometheusSample after, String uri) {
        Predicate<PrometheusSample.Series> ofUri = s -> API.test(s) && s.label("uri").equals(uri);
        Map<String, Double> buckets = delta(before.sum("http_server_requests_seconds_bucket", ofUri, "le"),
                after.sum("http_server_requests_seconds_bucket", ofUri, "le"));
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        buckets.forEach((le, count) -> cumulative.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), count));
        if (cumulative.isEmpty() || cumulative.lastEntry().getValue() <= 0) {
            return null;
        }
        double rank = q * cumulative.lastEntry().getValue();
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = bucket.getValue() - lowerCount;
                return inBucket <= 0 ? bucket.getKey()
                        : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound;
    }

    /** Each cache's hit rate between two scrapes: a hit in L1 or L2 over all lookups ({@code cache_gets_total}). */
    static Map<String, Double> hitRates(PrometheusSample before, PrometheusSample after) {
        Predicate<PrometheusSample.Series> hit = s -> s.label("result").equals("hit");
        Map<String, Double> hits = delta(before.sum("cache_gets_total", hit, "cache"), after.sum("cache_gets_total", hit, "cache"));
        Map<String, Double> lookups = delta(before.sum("cache_gets_total", s -> true, "cache"),
                after.sum("cache_gets_total", s -> true, "cache"));
        Map<String, Double> rates = new TreeMap<>();
        lookups.forEach((cache, total) -> {
            if (total > 0) {
                rates.put(cache, hits.getOrDefault(cache, 0d) / total);
            }
        });
        return rates;
    }
}
