package app.fitsocial.platform.observability;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;

/**
 * Counts the SQL statements the service sends to PostgreSQL (each statement of a batch counts):
 * in total, exported as the {@code fitsocial.sql.statements} counter, and per thread, so that the
 * statements of one request can be told apart from concurrent work such as event listeners.
 */
public class SqlStatementCounter implements QueryExecutionListener {

    private final AtomicLong statements = new AtomicLong();
    private final ThreadLocal<long[]> onThisThread = ThreadLocal.withInitial(() -> new long[1]);

    SqlStatementCounter(MeterRegistry registry) {
        FunctionCounter.builder("fitsocial.sql.statements", statements, AtomicLong::get)
                .description("SQL statements executed")
                .register(registry);
    }

    /** Statements executed since start-up. */
    public long total() {
        return statements.get();
    }

    /** Statements executed on the current thread since {@link #resetThread()}. */
    public long onThisThread() {
        return onThisThread.get()[0];
    }

    public void resetThread() {
        onThisThread.get()[0] = 0;
    }

    @Override
    public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
    }

    @Override
    public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        long count = Math.max(1, execInfo.isBatch() ? execInfo.getBatchSize() : queryInfoList.size());
        statements.addAndGet(count);
        onThisThread.get()[0] += count;
    }
}
