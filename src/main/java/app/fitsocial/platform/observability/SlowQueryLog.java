package app.fitsocial.platform.observability;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Logs every SQL statement that took longer than {@code fitsocial.observability.slow-query.threshold}
 * (1 s) on the {@code app.fitsocial.sql.slow} logger, with its duration, its SQL (bind values
 * only when {@code log-parameters} is on) and the id of the request that issued it, and counts
 * it in {@code fitsocial.sql.slow}. The duration is datasource-proxy's measurement of the JDBC
 * call, so it covers every statement, whoever issued it.
 */
class SlowQueryLog implements QueryExecutionListener {

    private static final Logger log = LoggerFactory.getLogger("app.fitsocial.sql.slow");

    private final Duration threshold;
    private final boolean logParameters;
    private final Counter slow;

    SlowQueryLog(ObservabilitySettings.SlowQuery settings, MeterRegistry registry) {
        this.threshold = settings.threshold();
        this.logParameters = settings.logParameters();
        this.slow = Counter.builder("fitsocial.sql.slow")
                .description("SQL statements slower than the slow-query threshold").register(registry);
    }

    @Override
    public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
    }

    @Override
    public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        long elapsed = execInfo.getElapsedTime();
        if (elapsed < threshold.toMillis()) {
            return;
        }
        slow.increment();
        String sql = queryInfoList.stream().map(QueryInfo::getQuery).map(q -> q.replaceAll("\\s+", " ").strip())
                .collect(Collectors.joining("; "));
        String requestId = MDC.get("requestId");
        var line = log.atWarn().setMessage("Slow SQL ({} ms): {}").addArgument(elapsed).addArgument(sql)
                .addKeyValue("durationMs", elapsed).addKeyValue("sql", sql)
                .addKeyValue("requestId", requestId == null ? "none" : requestId);
        if (logParameters) {
            String parameters = queryInfoList.stream()
                    .map(q -> q.getParametersList().stream()
                            .map(set -> set.stream().map(p -> String.valueOf(p.getArgs()[1])).toList().toString())
                            .collect(Collectors.joining(",")))
                    .collect(Collectors.joining("; "));
            line = line.addKeyValue("parameters", parameters);
        }
        line.log();
    }
}
