package app.fitsocial;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import app.fitsocial.platform.embedded.EmbeddedServicesConfiguration;

/**
 * Starts another instance of the service on the same PostgreSQL and Redis as the test context,
 * as a second node of a cluster. Like the test context, it leaves the jobs that tests run
 * themselves unscheduled (the schedule is shared through the job storage), unless the given
 * arguments say otherwise; later arguments win.
 */
public final class AnotherInstance {

    private AnotherInstance() {
    }

    public static ConfigurableApplicationContext start(String... args) {
        // keyed by property: Spring would join a repeated command-line property with commas
        Map<String, String> all = new LinkedHashMap<>();
        Stream.concat(Stream.of("--server.port=0", "--spring.main.banner-mode=off",
                "--fitsocial.jobs.feed-regeneration-interval=-", "--fitsocial.jobs.notification-delivery-interval=-",
                "--fitsocial.jobs.booking-reminders-interval=-", "--fitsocial.jobs.followers-count-folding-interval=-"), Stream.of(args))
                .forEach(arg -> all.put(arg.substring(0, arg.indexOf('=') < 0 ? arg.length() : arg.indexOf('=')), arg));
        return new SpringApplicationBuilder(FitSocialApplication.class, EmbeddedServicesConfiguration.class)
                .run(all.values().toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext instance) {
        return instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }
}
