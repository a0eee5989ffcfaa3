package app.fitsocial;


import org.springframework.boot.SpringApplication;

import app.fitsocial.platform.embedded.DemoDataConfiguration;
import app.fitsocial.platform.embedded.EmbeddedServicesConfiguration;

/**
 * The development run ({@code ./mvnw spring-boot:test-run}): the real application plus embedded
 * PostgreSQL (data kept in {@code .fitsocial/postgres} unless {@code FITSOCIAL_DATA_DIR} says
 * otherwise) and Redis for whichever of {@code DATABASE_URL} / {@code REDIS_URL} is unset, and
 * the demo data set.
 */
public class TestFitSocialApplication {

    public static void main(String[] args) {
        SpringApplication.from(FitSocialApplication::main)
                .with(EmbeddedServicesConfiguration.class, DemoDataConfiguration.class)
                .withAdditionalProfiles("dev")
                .run(args);
    }

}
