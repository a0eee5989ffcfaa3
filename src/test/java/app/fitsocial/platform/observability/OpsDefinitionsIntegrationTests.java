package app.fitsocial.platform.observability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard and alerting rules in {@code ops/} refer only to metrics the service exports:
 * every metric name in them is looked up in a live scrape taken after some traffic.
 */
class OpsDefinitionsIntegrationTests extends IntegrationTestSupport {

    /** Names of exported metric families: these prefixes; PromQL functions never start with them. */
    private static final Pattern METRIC = Pattern.compile(
            "\\b((?:http|fitsocial|hikaricp|jvm|jobrunr|process|system|tomcat|executor|logback)_[a-z0-9_]+)\\b");

    static Set<String> metricNames(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(Files.readString(file));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    @Test
    void everyMetricTheDashboardAndAlertsUseIsExported() throws IOException {
        TestUser user = newUser();
        api().get("/api/v1/classes", null);
        api().get("/api/v1/users/" + user.id(), user.token());
        api().get("/api/v1/social/feed", user.token());
        String scrape = api().send(api().request("/actuator/prometheus", null).setHeader("Accept", "text/plain")).body();
        Set<String> exported = new TreeSet<>();
        scrape.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .forEach(line -> exported.add(line.split("[{ ]", 2)[0]));

        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("ops"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".yml")).toList()) {
                used.addAll(metricNames(file));
            }
        }
        assertThat(used).as("metric names in ops/").hasSizeGreaterThan(10);
        assertThat(exported).containsAll(used);
    }
}
