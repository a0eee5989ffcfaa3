package app.fitsocial.platform.observability;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Observability settings.
 *
 * @param sqlCountHeader add an {@code X-Sql-Statements} header (statements the request issued before its
 *        body was written) to every response; a diagnostic for tests and benchmarks, off by default
 */
@ConfigurationProperties("fitsocial.observability")
public record ObservabilitySettings(@DefaultValue("false") boolean sqlCountHeader) {
}
