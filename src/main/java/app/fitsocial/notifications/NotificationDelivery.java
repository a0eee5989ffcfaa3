package app.fitsocial.notifications;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.annotations.Recurring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import app.fitsocial.platform.jobs.JobRuns;

/**
 * The notification delivery job: every {@code fitsocial.jobs.notification-delivery-interval}
 * (15 s) sends the outbox in batches through the {@link NotificationSender}, until the outbox
 * is empty or {@code maxBatchesPerRun} batches are sent. A batch the sender accepted leaves the
 * outbox; one it refused waits there with exponential back-off; one a dying run left behind is
 * sent again when its lease ends. Nothing is dropped: delivery is at-least-once.
 */
@Component
public class NotificationDelivery {

    static final String JOB_ID = "notification-delivery";
    private static final Logger log = LoggerFactory.getLogger(NotificationDelivery.class);

    private final NotificationOutbox outbox;
    private final NotificationSender sender;
    private final NotificationDeliverySettings settings;
    private final JobRuns.Measured runs;
    private final DistributionSummary batchSizes;
    private final Counter delivered;
    private final Counter failed;

    NotificationDelivery(NotificationOutbox outbox, NotificationSender sender, NotificationDeliverySettings settings,
            JobRuns runs, MeterRegistry registry) {
        this.outbox = outbox;
        this.sender = sender;
        this.settings = settings;
        this.runs = runs.of(JOB_ID);
        this.batchSizes = DistributionSummary.builder("fitsocial.notifications.delivery.batch.size")
                .description("Notifications per batch handed to the sender").register(registry);
        this.delivered = Counter.builder("fitsocial.notifications.delivered")
                .description("Notifications the sender accepted").register(registry);
        this.failed = Counter.builder("fitsocial.notifications.delivery.failures")
                .description("Notifications in batches the sender refused (they are retried)").register(registry);
    }

    /** Sends what the outbox holds, batch by batch; returns how many notifications were delivered. */
    @Recurring(id = JOB_ID, interval = "${fitsocial.jobs.notification-delivery-interval:PT15S}")
    @Job(name = "Deliver outbox notifications")
    public int run() {
        return runs.run(this::deliver);
    }

    private int deliver() {
        int sent = 0;
        for (int batch = 0; batch < settings.maxBatchesPerRun(); batch++) {
            List<OutgoingNotification> notifications = outbox.claim(settings.batchSize(), settings.lease());
            if (notifications.isEmpty()) {
                break;
            }
            batchSizes.record(notifications.size());
            List<Long> ids = notifications.stream().map(OutgoingNotification::id).toList();
            try {
                sender.send(notifications);
            }
            catch (RuntimeException refused) {
                failed.increment(notifications.size());
                outbox.failed(ids, refused.getMessage() == null ? refused.toString() : refused.getMessage(),
                        settings.retryDelay(), settings.maxRetryDelay());
                log.warn("A batch of {} notifications was not delivered; retried later: {}", ids.size(),
                        refused.getMessage());
                // a receiver that refuses one batch is unlikely to take the next: leave the rest for later runs
                break;
            }
            outbox.delivered(ids);
            delivered.increment(notifications.size());
            sent += notifications.size();
            if (notifications.size() < settings.batchSize()) {
                break;
            }
        }
        return sent;
    }
}
