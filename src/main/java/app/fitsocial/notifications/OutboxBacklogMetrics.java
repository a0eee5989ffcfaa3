package app.fitsocial.notifications;

import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The outbox backlog as gauges, {@code fitsocial.notifications.outbox.backlog} (notifications
 * waiting) and {@code fitsocial.notifications.outbox.oldest.age} (seconds), read from
 * PostgreSQL so every instance reports the same figure. Read at most every 10 s however often
 * it is scraped; NaN while the database cannot answer.
 */
@Component
class OutboxBacklogMetrics {

    private static final Duration FRESHNESS = Duration.ofSeconds(10);

    private final NotificationOutbox outbox;
    private volatile NotificationOutbox.Backlog last = new NotificationOutbox.Backlog(0, 0);
    private volatile long readAt;
    private volatile boolean available;

    OutboxBacklogMetrics(NotificationOutbox outbox, MeterRegistry registry) {
        this.outbox = outbox;
        this.readAt = System.nanoTime() - FRESHNESS.toNanos() - 1;
        Gauge.builder("fitsocial.notifications.outbox.backlog", this, m -> m.current(false))
                .description("Notifications waiting in the outbox").register(registry);
        Gauge.builder("fitsocial.notifications.outbox.oldest.age", this, m -> m.current(true))
                .description("Age of the oldest notification waiting in the outbox").baseUnit("seconds")
                .register(registry);
    }

    private double current(boolean age) {
        long now = System.nanoTime();
        if (now - readAt > FRESHNESS.toNanos()) {
            try {
                last = outbox.backlog();
                available = true;
            }
            catch (DataAccessException unavailable) {
                available = false;
            }
            readAt = now;
        }
        if (!available) {
            return Double.NaN;
        }
        return age ? last.oldestAgeSeconds() : last.size();
    }
}
