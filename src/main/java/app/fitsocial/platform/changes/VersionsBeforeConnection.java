package app.fitsocial.platform.changes;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Makes a request wait for its data versions before it takes a database connection, not after:
 * the wait ({@link ReadDependencies#beforeRead()}) is a Redis round trip, and a connection held
 * idle through it is one fewer for everyone else. Under load, when Redis answers slowly, those
 * idle holds emptied the pool. The statement hook in {@link TableAccessRecorder} stays as a
 * backstop for connections taken before the request started recording.
 */
class VersionsBeforeConnection implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof VersionsFirst)) {
            return new VersionsFirst(dataSource);
        }
        return bean;
    }

    static final class VersionsFirst extends DelegatingDataSource {

        VersionsFirst(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            ReadDependencies.beforeRead();
            return super.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            ReadDependencies.beforeRead();
            return super.getConnection(username, password);
        }
    }
}
