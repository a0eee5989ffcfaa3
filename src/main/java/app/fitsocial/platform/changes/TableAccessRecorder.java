package app.fitsocial.platform.changes;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Watches every SQL statement: the tables it reads go to the thread's {@link ReadDependencies},
 * the tables it writes have their {@link DataVersions} raised once the transaction commits (at
 * once for a statement outside a transaction). The raise happens after the commit's other
 * callbacks, so derived state those callbacks update (feed timelines) is in place before the
 * version moves.
 */
class TableAccessRecorder implements QueryExecutionListener {

    private final KnownTables tables;
    private final DataVersions versions;
    private final Cache<String, SqlTableNames.Access> parsed = Caffeine.newBuilder().maximumSize(4_000).build();

    TableAccessRecorder(KnownTables tables, DataVersions versions) {
        this.tables = tables;
        this.versions = versions;
    }

    @Override
    public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        ReadDependencies.beforeRead();
    }

    @Override
    public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        Set<String> known = tables.names();
        if (!execInfo.isSuccess() || known.isEmpty()) {
            return;
        }
        Set<String> written = new HashSet<>();
        for (QueryInfo query : queryInfoList) {
            SqlTableNames.Access access = parsed.get(query.getQuery(), sql -> SqlTableNames.parse(sql, known));
            ReadDependencies.recordAll(access.read());
            written.addAll(access.written());
        }
        if (!written.isEmpty()) {
            raiseAfterCommit(written);
        }
    }

    private void raiseAfterCommit(Set<String> written) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            versions.raise(written);
            return;
        }
        PendingRaise pending = (PendingRaise) TransactionSynchronizationManager.getResource(PendingRaise.class);
        if (pending == null) {
            pending = new PendingRaise(versions);
            TransactionSynchronizationManager.bindResource(PendingRaise.class, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.tables.addAll(written);
    }

    /** The tables one transaction wrote, raised when (and only if) it commits. */
    private static final class PendingRaise implements TransactionSynchronization {

        private final DataVersions versions;
        private final Set<String> tables = new HashSet<>();

        PendingRaise(DataVersions versions) {
            this.versions = versions;
        }

        @Override
        public int getOrder() {
            return LOWEST_PRECEDENCE;
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(PendingRaise.class);
            if (status == STATUS_COMMITTED) {
                versions.raise(tables);
            }
        }
    }
}
