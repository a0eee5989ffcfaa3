package app.fitsocial.platform.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * Where read-only transactions get their connection: a replica, taken in turn, unless the
 * request must read its own writes; the primary when every replica is down or out of
 * connections. A replica that failed is left out for {@code replica-retry-after}, so a dead
 * replica costs one connection timeout, not one per read; after 250 ms without an answer from a
 * replica, a connection is validated before it is handed out. Counts reads per target.
 */
class ReplicaDataSource extends AbstractDataSource {

    private static final Logger log = LoggerFactory.getLogger(ReplicaDataSource.class);

    /** One replica, until when it is left out (nanoTime; 0: in use) and when it last answered. */
    private record Replica(String name, DataSource pool, AtomicLong outUntil, AtomicLong lastAlive) {
    }

    /** A borrowed replica connection is checked when the replica has not answered for this long. */
    private static final long CHECK_AFTER_NANOS = 250_000_000L;

    private final DataSource primary;
    private final List<Replica> replicas;
    private final long retryAfterNanos;
    private final AtomicInteger next = new AtomicInteger();
    private final Counter toReplica;
    private final Counter toPrimaryForOwnWrites;
    private final Counter toPrimaryAsFallback;

    ReplicaDataSource(DataSource primary, List<DataSource> replicaPools, long retryAfterNanos, MeterRegistry registry) {
        this.primary = primary;
        this.replicas = java.util.stream.IntStream.range(0, replicaPools.size())
                .mapToObj(i -> new Replica("replica-" + (i + 1), replicaPools.get(i), new AtomicLong(),
                        new AtomicLong(System.nanoTime()))).toList();
        this.retryAfterNanos = retryAfterNanos;
        String description = "Read-only transactions by the database they were served from";
        this.toReplica = Counter.builder("fitsocial.datasource.reads").tag("target", "replica").tag("reason", "replica")
                .description(description).register(registry);
        this.toPrimaryForOwnWrites = Counter.builder("fitsocial.datasource.reads").tag("target", "primary")
                .tag("reason", "read-your-writes").description(description).register(registry);
        this.toPrimaryAsFallback = Counter.builder("fitsocial.datasource.reads").tag("target", "primary")
                .tag("reason", "replica-unavailable").description(description).register(registry);
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (PrimaryReads.required()) {
            toPrimaryForOwnWrites.increment();
            return primary.getConnection();
        }
        int start = Math.floorMod(next.getAndIncrement(), replicas.size());
        for (int i = 0; i < replicas.size(); i++) {
            Replica replica = replicas.get((start + i) % replicas.size());
            long outUntil = replica.outUntil().get();
            if (outUntil != 0 && System.nanoTime() - outUntil < 0) {
                continue;
            }
            try {
                Connection connection = replica.pool().getConnection();
                long now = System.nanoTime();
                // a pooled connection to a replica that died since it was last used would fail the
                // request: after a quiet spell, prove the replica is there before handing it out
                if (now - replica.lastAlive().get() > CHECK_AFTER_NANOS) {
                    if (!connection.isValid(1)) {
                        connection.close();
                        throw new SQLException("replica connection is not valid");
                    }
                }
                replica.lastAlive().set(now);
                replica.outUntil().set(0);
                toReplica.increment();
                return connection;
            }
            catch (SQLException ex) {
                replica.outUntil().set(System.nanoTime() + retryAfterNanos);
                log.warn("Replica {} unavailable, reading from the primary for {} s: {}", replica.name(),
                        retryAfterNanos / 1_000_000_000L, ex.getMessage());
            }
        }
        toPrimaryAsFallback.increment();
        return primary.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }
}
