package app.fitsocial.platform.changes;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the table access recorder (a datasource-proxy listener) to the shared data versions. */
@Configuration(proxyBeanMethods = false)
class ChangeTrackingConfiguration {

    private final KnownTables tables = new KnownTables();

    @Bean
    DataVersions dataVersions(StringRedisTemplate redis) {
        return new DataVersions(redis);
    }

    @Bean
    static VersionsBeforeConnection versionsBeforeConnection() {
        return new VersionsBeforeConnection();
    }

    @Bean
    TableAccessRecorder tableAccessRecorder(DataVersions versions) {
        return new TableAccessRecorder(tables, versions);
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadTableNames(ApplicationReadyEvent event) {
        tables.load(event.getApplicationContext().getBean(JdbcClient.class));
    }
}
