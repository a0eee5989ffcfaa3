package app.fitsocial.platform.observability;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;

/**
 * Counts the SQL statements the service sends to PostgreSQL (each statement of a batch counts).
 * Exported as the {@code fitsocial.sql.statements} counter; tests use it to prove that a list
 * costs a fixed number of statements whatever its page size.
 */
public class SqlStatementCounter implements QueryExecutionListener {

    private final AtomicLong statements = new AtomicLong();

    SqlStatementCounter(MeterRegistry registry) {
        FunctionCounter.builder("fitsocial.sql.statements", statements, AtomicLong::get)
                .description("SQL statements executed")
                .register(registry);
    }

    /** Statements executed since start-up. */
    public long total() {
        return statements.get();
    }

    @Override
    public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
    }

    @Override
    public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        statements.addAndGet(Math.max(1, execInfo.isBatch() ? execInfo.getBatchSize() : queryInfoList.size()));
    }
}
