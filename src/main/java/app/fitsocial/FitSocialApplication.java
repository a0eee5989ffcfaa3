package app.fitsocial;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * The FitSocial backend: one stateless service over PostgreSQL and Redis. Module event
 * listeners run asynchronously after the publishing transaction commits.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableAsync
public class FitSocialApplication {

    public static void main(String[] args) {
        SpringApplication.run(FitSocialApplication.class, args);
    }
}
