package app.fitsocial.platform.observability;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wraps the pooled {@link DataSource} with datasource-proxy so every statement passes the listeners. */
@Configuration(proxyBeanMethods = false)
class DataSourceProxyConfiguration {

    @Bean
    SqlStatementCounter sqlStatementCounter(MeterRegistry registry) {
        return new SqlStatementCounter(registry);
    }

    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<SqlStatementsPerRequest.ResetFilter> sqlStatementResetFilter(
            SqlStatementCounter counter) {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
                new SqlStatementsPerRequest.ResetFilter(counter));
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    static BeanPostProcessor dataSourceProxyPostProcessor(ObjectProvider<SqlStatementCounter> counter) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource && !(bean instanceof ProxyDataSource)) {
                    return ProxyDataSourceBuilder.create(dataSource)
                            .name("fitsocial")
                            .listener(counter.getObject())
                            .build();
                }
                return bean;
            }
        };
    }
}
