package app.fitsocial.platform.persistence;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

import app.fitsocial.platform.security.BearerTokens;

/**
 * Read replicas, when {@code DATABASE_REPLICA_URL} names any: the application's data source
 * becomes a {@link LazyConnectionDataSourceProxy} over the primary pool whose read-only
 * connections (those of {@code @Transactional(readOnly = true)}) come from
 * {@link ReplicaDataSource}. Everything else, Flyway migrations and JobRunr's storage included,
 * runs on the primary: they never mark their connections read-only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(ReplicaSettings.CONFIGURED)
class ReplicaRoutingConfiguration {

    /** The replica pools, closed with the context. */
    static final class ReplicaPools implements AutoCloseable {

        private final List<HikariDataSource> pools = new ArrayList<>();

        @Override
        public void close() {
            pools.forEach(HikariDataSource::close);
        }
    }

    @Bean(destroyMethod = "close")
    ReplicaPools replicaPools() {
        return new ReplicaPools();
    }

    /**
     * Wraps the primary pool first of all (before the statement counting wrapper, which then sees
     * every connection, wherever it came from).
     */
    @Bean
    static PriorityOrderedPostProcessor replicaRouting(ObjectProvider<ReplicaSettings> settings, ObjectProvider<ReplicaPools> pools,
            ObjectProvider<MeterRegistry> registry) {
        return new PriorityOrderedPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof HikariDataSource primary) || !"dataSource".equals(beanName)) {
                    return bean;
                }
                ReplicaSettings replicas = settings.getObject();
                List<DataSource> replicaPools = new ArrayList<>();
                int n = 0;
                for (String url : replicas.replicas()) {
                    HikariDataSource pool = new HikariDataSource();
                    pool.setPoolName("fitsocial-replica-" + ++n);
                    pool.setJdbcUrl(url);
                    pool.setUsername(primary.getUsername());
                    pool.setPassword(primary.getPassword());
                    pool.setMaximumPoolSize(replicas.replicaPoolSize());
                    pool.setConnectionTimeout(replicas.replicaConnectionTimeout().toMillis());
                    pool.setValidationTimeout(Math.min(1000, replicas.replicaConnectionTimeout().toMillis()));
                    pool.setReadOnly(true);
                    // a replica that is down when the service starts is simply not used until it is up
                    pool.setInitializationFailTimeout(-1);
                    pools.getObject().pools.add(pool);
                    replicaPools.add(pool);
                }
                LazyConnectionDataSourceProxy routing = new LazyConnectionDataSourceProxy(primary);
                routing.setReadOnlyDataSource(new ReplicaDataSource(primary, replicaPools,
                        replicas.replicaRetryAfter().toNanos(), registry.getObject()));
                return routing;
            }
        };
    }

    /** Registered in the HTTP pipeline ({@code platform.web.HttpPipeline}), before Spring Security. */
    @Bean
    ReadYourWritesFilter readYourWritesFilter(BearerTokens tokens, StringRedisTemplate redis, ReplicaSettings settings) {
        return new ReadYourWritesFilter(tokens, redis, settings.readYourWritesWindow());
    }

    /** A post-processor that runs before the ordinary ones (the bean's declared type says so). */
    interface PriorityOrderedPostProcessor extends BeanPostProcessor, PriorityOrdered {
        @Override
        default int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
