package app.fitsocial.platform.observability;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Observability settings.
 *
 * @param sqlCountHeader add an {@code X-Sql-Statements} header (statements the request issued before its
 *        body was written) to every response; a diagnostic for tests and benchmarks, off by default
 * @param requestLog the one-line-per-request log
 * @param slowQuery the slow SQL statement log
 */
@ConfigurationProperties("fitsocial.observability")
public record ObservabilitySettings(@DefaultValue("false") boolean sqlCountHeader,
        @DefaultValue RequestLog requestLog, @DefaultValue SlowQuery slowQuery) {

    /**
     * @param enabled log one line per request on the {@code app.fitsocial.requests} logger
     * @param exclude path patterns not logged (health checks and metric scrapes by default)
     */
    public record RequestLog(@DefaultValue("true") boolean enabled,
            @DefaultValue({"/actuator/health", "/actuator/health/**", "/actuator/prometheus"}) List<String> exclude) {
    }

    /**
     * @param threshold statements taking at least this long are logged and counted
     * @param logParameters also log the statements' bind values (they may hold personal data)
     */
    public record SlowQuery(@DefaultValue("1s") Duration threshold, @DefaultValue("false") boolean logParameters) {
    }
}
