package app.fitsocial.platform.observability;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wraps the pooled {@link DataSource} with datasource-proxy so every statement passes every
 * {@link QueryExecutionListener} bean (statement counting and the slow-query log).
 */
@Configuration(proxyBeanMethods = false)
class DataSourceProxyConfiguration {

    @Bean
    SqlStatementCounter sqlStatementCounter(MeterRegistry registry) {
        return new SqlStatementCounter(registry);
    }

    @Bean
    SlowQueryLog slowQueryLog(ObservabilitySettings settings, MeterRegistry registry) {
        return new SlowQueryLog(settings.slowQuery(), registry);
    }

    @Bean
    static BeanPostProcessor dataSourceProxyPostProcessor(ObjectProvider<QueryExecutionListener> listeners) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource && !(bean instanceof ProxyDataSource)) {
                    ProxyDataSourceBuilder builder = ProxyDataSourceBuilder.create(dataSource).name("fitsocial");
                    listeners.orderedStream().forEach(builder::listener);
                    return builder.build();
                }
                return bean;
            }
        };
    }
}
