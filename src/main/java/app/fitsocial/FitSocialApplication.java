package app.fitsocial;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The FitSocial backend: one stateless service over PostgreSQL and Redis.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FitSocialApplication {

    public static void main(String[] args) {
        SpringApplication.run(FitSocialApplication.class, args);
    }
}
