package app.fitsocial.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the demo data set into the embedded development database: users, providers and reviews
 * once, and a fresh week of classes whenever none is scheduled beyond tomorrow.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DemoDataConfiguration {

    /** The password of every demo user, documented in the README. */
    public static final String DEMO_PASSWORD = "fitsocial-demo";

    private static final Logger log = LoggerFactory.getLogger(DemoDataConfiguration.class);

    /** Only into the embedded database: a real one named by DATABASE_URL is never written to. */
    @Bean
    @ConditionalOnExpression("'${DATABASE_URL:}'.isEmpty()")
    ApplicationRunner demoDataLoader(JdbcClient jdbc, PasswordEncoder passwordEncoder, TransactionTemplate tx) {
        return args -> tx.executeWithoutResult(status -> {
            boolean seeded = jdbc.sql("SELECT EXISTS (SELECT 1 FROM users WHERE email = 'demo@fitsocial.app')")
                    .query(Boolean.class).single();
            if (!seeded) {
                String hash = passwordEncoder.encode(DEMO_PASSWORD);
                for (String statement : statements("demo/demo-data.sql")) {
                    jdbc.sql(statement).param("password_hash", hash).update();
                }
                log.info("Loaded the demo data set; log in as demo@fitsocial.app (or coach@fitsocial.app, a provider) "
                        + "with password '{}'", DEMO_PASSWORD);
            }
            boolean scheduled = jdbc.sql("SELECT EXISTS (SELECT 1 FROM fitness_classes WHERE datetime > now() + interval '1 day')")
                    .query(Boolean.class).single();
            if (!scheduled) {
                for (String statement : statements("demo/demo-week.sql")) {
                    jdbc.sql(statement).update();
                }
                log.info("Scheduled a week of demo classes");
            }
        });
    }

    private static String[] statements(String resource) {
        try {
            String script = new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8);
            String withoutComments = script.lines().filter(line -> !line.strip().startsWith("--"))
                    .reduce("", (a, b) -> a + "\n" + b);
            return java.util.Arrays.stream(withoutComments.split(";\\s*\n")).map(String::strip)
                    .filter(s -> !s.isEmpty()).toArray(String[]::new);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
