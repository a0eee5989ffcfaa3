package app.fitsocial.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of {@code /actuator/prometheus}: series (name and labels) with their values, taken at a time. */
record PrometheusSample(long epochMillis, List<Series> series) {

    record Series(String name, Map<String, String> labels, double value) {

        String label(String key) {
            return labels.getOrDefault(key, "");
        }
    }

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? ([^ ]+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static PrometheusSample parse(long epochMillis, String text, Predicate<String> wanted) {
        List<Series> series = new java.util.ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = LINE.matcher(line);
            if (!matcher.find() || !wanted.test(matcher.group(1))) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            if (matcher.group(2) != null) {
                Matcher label = LABEL.matcher(matcher.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            double value = switch (matcher.group(3)) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(matcher.group(3));
            };
            series.add(new Series(matcher.group(1), labels, value));
        }
        return new PrometheusSample(epochMillis, series);
    }

    /** The sum of a metric's series that match a filter, grouped by a label (or all in "" when the label is null). */
    Map<String, Double> sum(String name, Predicate<Series> filter, String groupBy) {
        Map<String, Double> sums = new HashMap<>();
        for (Series s : series) {
            if (s.name().equals(name) && filter.test(s)) {
                sums.merge(groupBy == null ? "" : s.label(groupBy), s.value(), Double::sum);
            }
        }
        return sums;
    }
}
