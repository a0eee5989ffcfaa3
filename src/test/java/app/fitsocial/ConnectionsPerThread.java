package app.fitsocial;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the database connections each thread takes from the pool, for tests that prove a request
 * took none (a cache hit must leave the pool to the requests that need it).
 */
@TestConfiguration(proxyBeanMethods = false)
public class ConnectionsPerThread {

    private static final ThreadLocal<int[]> TAKEN = ThreadLocal.withInitial(() -> new int[1]);

    /** Connections the current thread took since {@link #reset()}. */
    public static int taken() {
        return TAKEN.get()[0];
    }

    public static void reset() {
        TAKEN.get()[0] = 0;
    }

    @Bean
    static BeanPostProcessor connectionCounting() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource && "dataSource".equals(beanName)) {
                    return new DelegatingDataSource(dataSource) {
                        @Override
                        public Connection getConnection() throws SQLException {
                            TAKEN.get()[0]++;
                            return super.getConnection();
                        }

                        @Override
                        public Connection getConnection(String username, String password) throws SQLException {
                            TAKEN.get()[0]++;
                            return super.getConnection(username, password);
                        }
                    };
                }
                return bean;
            }
        };
    }
}
