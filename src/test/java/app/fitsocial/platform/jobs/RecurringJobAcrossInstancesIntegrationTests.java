package app.fitsocial.platform.jobs;

import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jobrunr.scheduling.JobScheduler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import app.fitsocial.AnotherInstance;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With several instances on one job storage, a recurring job runs once per period in the whole
 * cluster, not once per instance: two more instances schedule the feed regeneration every 5 s,
 * and the runs of all three job servers together are counted.
 */
class RecurringJobAcrossInstancesIntegrationTests extends IntegrationTestSupport {

    private static final String JOB = "feed-regeneration";

    @Autowired
    private MeterRegistry registry;

    @Autowired
    private JobScheduler scheduler;

    private static long runs(MeterRegistry... registries) {
        return Stream.of(registries)
                .flatMap(r -> r.find("fitsocial.jobs.runs").tag("job", JOB).timers().stream())
                .mapToLong(Timer::count).sum();
    }

    @Test
    void aRecurringJobRunsOncePerPeriodAcrossInstances() throws InterruptedException {
        String every5s = "--fitsocial.jobs.feed-regeneration-interval=PT5S";
        try (ConfigurableApplicationContext first = AnotherInstance.start(every5s);
                ConfigurableApplicationContext second = AnotherInstance.start(every5s)) {
            MeterRegistry[] all = {registry, first.getBean(MeterRegistry.class), second.getBean(MeterRegistry.class)};
            long before = runs(all);
            Thread.sleep(30_000);
            long runs = runs(all) - before;
            // 30 s are six periods (the window may catch the edge of a seventh); three job servers
            // each running it on their own would make about eighteen runs
            assertThat(runs).isBetween(3L, 7L);
            assertThat(Stream.of(all).filter(r -> runs(r) > 0).count()).as("instances that ran it").isPositive();
        }
        finally {
            scheduler.deleteRecurringJob(JOB);
        }
    }
}
