package app.fitsocial.platform.changes;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request waits for its data versions before it takes a connection from the pool, so no
 * connection sits idle through that Redis round trip; and the service's DataSource is wrapped so.
 */
class VersionsBeforeConnectionIntegrationTests extends IntegrationTestSupport {

    @Autowired
    private DataSource dataSource;

    @Test
    void theVersionsAreAwaitedBeforeTheConnectionIsTaken() throws SQLException {
        List<String> events = new CopyOnWriteArrayList<>();
        DataSource pool = new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                events.add("connection taken");
                return super.getConnection();
            }
        };
        DataSource wrapped = new VersionsBeforeConnection().postProcessAfterInitialization(pool, "dataSource") instanceof DataSource d
                ? d : pool;
        ReadDependencies.start(() -> events.add("versions awaited"));
        try (Connection connection = wrapped.getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }
        finally {
            ReadDependencies.stop();
        }
        assertThat(events).containsExactly("versions awaited", "connection taken");
    }

    @Test
    void theServicesDataSourceWaitsForVersionsFirst() throws SQLException {
        assertThat(dataSource.isWrapperFor(VersionsBeforeConnection.VersionsFirst.class)
                || dataSource instanceof VersionsBeforeConnection.VersionsFirst).isTrue();
    }
}
