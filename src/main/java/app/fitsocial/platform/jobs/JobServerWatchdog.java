package app.fitsocial.platform.jobs;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jobrunr.server.BackgroundJobServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Restarts this instance's JobRunr background job server when it stopped by itself. JobRunr stops
 * a server after repeated storage errors (a PostgreSQL outage); without this the instance would
 * process no job again until it is restarted. Checks every
 * {@code fitsocial.jobs.watchdog-interval} (5 s) and stops checking when the application closes.
 */
@Component
class JobServerWatchdog {

    private static final Logger log = LoggerFactory.getLogger(JobServerWatchdog.class);

    private final ObjectProvider<BackgroundJobServer> servers;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "job-server-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closing;

    JobServerWatchdog(ObjectProvider<BackgroundJobServer> servers,
            @Value("${fitsocial.jobs.watchdog-interval:5s}") Duration interval) {
        this.servers = servers;
        checks.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void check() {
        BackgroundJobServer server = servers.getIfAvailable();
        // a paused server (JMX, dashboard) is not running but still announced: an operator's pause stands
        if (closing || server == null || server.isRunning() || server.isAnnounced()) {
            return;
        }
        try {
            log.warn("The background job server had stopped (storage errors?); starting it again");
            server.start();
        }
        catch (RuntimeException ex) {
            log.warn("Could not start the background job server yet: {}", ex.getMessage());
        }
    }

    @EventListener(ContextClosedEvent.class)
    void close() {
        closing = true;
        checks.shutdownNow();
    }
}
