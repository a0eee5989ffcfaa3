package app.fitsocial.platform.persistence;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.AbstractDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How reads are spread over several replicas: in turn, skipping one that fails (for the retry
 * period), to the primary when none is left or the request must read its own writes. The
 * databases here are stand-ins that name the connections they hand out;
 * {@code ReadReplicaIntegrationTests} runs the same code against a real streaming replica.
 */
class ReplicaDataSourceTests {

    /** A data source whose connections say where they came from, and that can be taken down. */
    static final class NamedDataSource extends AbstractDataSource {

        final String name;
        final AtomicBoolean up = new AtomicBoolean(true);

        NamedDataSource(String name) {
            this.name = name;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (!up.get()) {
                throw new SQLTransientConnectionException(name + " is down");
            }
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "toString" -> name;
                        case "isValid" -> up.get();
                        default -> null;
                    });
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }
    }

    private final NamedDataSource primary = new NamedDataSource("primary");
    private final NamedDataSource first = new NamedDataSource("replica-1");
    private final NamedDataSource second = new NamedDataSource("replica-2");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @AfterEach
    void clear() {
        PrimaryReads.clear();
    }

    private ReplicaDataSource routing(long retryAfterNanos) {
        return new ReplicaDataSource(primary, List.<DataSource>of(first, second), retryAfterNanos, meters);
    }

    private static List<String> reads(DataSource dataSource, int count) throws SQLException {
        List<String> served = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            served.add(dataSource.getConnection().toString());
        }
        return served;
    }

    @Test
    void takesTheReplicasInTurn() throws SQLException {
        assertThat(reads(routing(10_000_000_000L), 4)).containsExactly("replica-1", "replica-2", "replica-1", "replica-2");
        assertThat(meters.get("fitsocial.datasource.reads").tag("target", "replica").counter().count()).isEqualTo(4);
    }

    @Test
    void leavesOutAReplicaThatFailedAndFallsBackToThePrimaryWhenNoneIsLeft() throws SQLException {
        ReplicaDataSource routing = routing(10_000_000_000L);
        first.up.set(false);
        assertThat(reads(routing, 3)).containsExactly("replica-2", "replica-2", "replica-2");
        first.up.set(true); // back, but still left out for the retry period
        assertThat(reads(routing, 2)).containsExactly("replica-2", "replica-2");
        second.up.set(false);
        assertThat(reads(routing, 2)).containsExactly("primary", "primary");
        assertThat(meters.get("fitsocial.datasource.reads").tag("reason", "replica-unavailable").counter().count())
                .isEqualTo(2);
    }

    @Test
    void triesAFailedReplicaAgainAfterTheRetryPeriod() throws SQLException, InterruptedException {
        ReplicaDataSource routing = routing(50_000_000L);
        first.up.set(false);
        assertThat(reads(routing, 2)).containsExactly("replica-2", "replica-2");
        first.up.set(true);
        Thread.sleep(60);
        assertThat(reads(routing, 4)).contains("replica-1");
    }

    @Test
    void aRequestThatMustReadItsOwnWritesGoesToThePrimary() throws SQLException {
        PrimaryReads.require();
        assertThat(reads(routing(10_000_000_000L), 2)).containsExactly("primary", "primary");
        assertThat(meters.get("fitsocial.datasource.reads").tag("reason", "read-your-writes").counter().count())
                .isEqualTo(2);
    }

    @Test
    void readsTheReplicaListFromConfiguration() {
        ReplicaSettings settings = new ReplicaSettings(List.of(" jdbc:postgresql://r1/db", "", "jdbc:postgresql://r2/db "),
                java.time.Duration.ofSeconds(5), 10, java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(10));
        assertThat(settings.replicas()).containsExactly("jdbc:postgresql://r1/db", "jdbc:postgresql://r2/db");
    }
}
