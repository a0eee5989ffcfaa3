package app.fitsocial.platform.embedded;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Points the service at embedded PostgreSQL and Redis when {@code DATABASE_URL} and
 * {@code REDIS_URL} are not set, through Spring Boot's connection-details beans, and says so in
 * one log line. Setting a variable switches that server to the real one; nothing is started then.
 */
@TestConfiguration(proxyBeanMethods = false)
public class EmbeddedServicesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServicesConfiguration.class);

    /** Where the development run keeps PostgreSQL's data; empty means a throw-away directory. */
    static final String DATA_DIR_PROPERTY = "fitsocial.embedded.data-dir";

    @Bean
    @ConditionalOnExpression("'${DATABASE_URL:}'.isEmpty()")
    JdbcConnectionDetails embeddedPostgresConnection(Environment environment) {
        String dataDir = environment.getProperty(DATA_DIR_PROPERTY, "");
        var postgres = EmbeddedServers.postgres(dataDir.isBlank() ? null : Path.of(dataDir));
        String url = postgres.getJdbcUrl("postgres", "postgres");
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return "postgres";
            }

            @Override
            public String getPassword() {
                return "";
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }

    @Bean
    @ConditionalOnExpression("'${REDIS_URL:}'.isEmpty()")
    DataRedisConnectionDetails embeddedRedisConnection(Environment environment) {
        String dataDir = environment.getProperty(DATA_DIR_PROPERTY, "");
        // the development run keeps Redis's pid beside the PostgreSQL data directory
        int port = EmbeddedServers.redisPort(dataDir.isBlank() ? null : Path.of(dataDir).toAbsolutePath().getParent());
        return new DataRedisConnectionDetails() {
            @Override
            public Standalone getStandalone() {
                return Standalone.of("127.0.0.1", port);
            }
        };
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> embeddedServersReport(
            ObjectProvider<JdbcConnectionDetails> jdbc, ObjectProvider<DataRedisConnectionDetails> redis,
            Environment environment) {
        return event -> {
            String database = describeDatabase(jdbc.getIfAvailable(), environment);
            String redisText = environment.getProperty("REDIS_URL", "").isBlank()
                    ? "embedded Redis at redis://127.0.0.1:" + EmbeddedServers.redisPort(null)
                    : "Redis at " + environment.getProperty("REDIS_URL");
            log.info("FitSocial is using {} and {}. Set DATABASE_URL (with DATABASE_USER, DATABASE_PASSWORD) "
                    + "and REDIS_URL to use other servers; nothing embedded is started then.", database, redisText);
        };
    }

    private static String describeDatabase(@Nullable JdbcConnectionDetails details, Environment environment) {
        if (!environment.getProperty("DATABASE_URL", "").isBlank()) {
            return "PostgreSQL at " + environment.getProperty("DATABASE_URL");
        }
        Path dir = EmbeddedServers.postgresDataDir();
        String url = details == null ? "?" : details.getJdbcUrl();
        String where = environment.getProperty(DATA_DIR_PROPERTY, "").isBlank()
                ? "throw-away data in " + dir
                : "data kept in " + dir;
        return "embedded PostgreSQL 17 at " + url + " (" + where + ")";
    }
}
