package app.fitsocial.platform.persistence;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.modulith.NamedInterface;

/**
 * Work that must see a write committed before it runs: it runs once the current transaction has
 * committed (never after a rollback), still on the writer's thread and so before the writer's
 * response is sent; outside a transaction it runs at once.
 */
@NamedInterface("persistence")
public final class AfterCommit {

    private AfterCommit() {
    }

    /** Runs {@code action} after the current transaction commits, among the other callbacks in registration order. */
    public static void run(Runnable action) {
        run(Ordered.LOWEST_PRECEDENCE - 1, action);
    }

    /** Runs {@code action} after the current transaction commits; callbacks of lower {@code order} run first. */
    public static void run(int order, Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new Callback(order, action, null));
    }

    /**
     * The object collecting this transaction's work of one kind, created (and registered to run
     * after the commit, at {@code order}) by the first caller of the transaction; {@code null}
     * outside a transaction. For work that is cheaper done once per transaction, in bulk.
     */
    public static <T extends Runnable> @Nullable T collector(Class<T> kind, int order, Supplier<T> create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        T existing = (T) TransactionSynchronizationManager.getResource(kind);
        if (existing != null) {
            return existing;
        }
        T created = create.get();
        TransactionSynchronizationManager.bindResource(kind, created);
        TransactionSynchronizationManager.registerSynchronization(new Callback(order, created, kind));
        return created;
    }

    /** The one kind of synchronization: runs the action after a commit, then unbinds its collector, if any. */
    private record Callback(int order, Runnable action, @Nullable Object collectorKey) implements TransactionSynchronization {

        @Override
        public int getOrder() {
            return order;
        }

        @Override
        public void afterCommit() {
            action.run();
        }

        @Override
        public void afterCompletion(int status) {
            if (collectorKey != null) {
                TransactionSynchronizationManager.unbindResourceIfPossible(collectorKey);
            }
        }
    }
}
