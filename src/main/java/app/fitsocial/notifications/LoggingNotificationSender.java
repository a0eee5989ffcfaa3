package app.fitsocial.notifications;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default sender when no webhook is configured: one log line per batch, nothing leaves the service. */
class LoggingNotificationSender implements NotificationSender {

    private static final Logger log = LoggerFactory.getLogger(LoggingNotificationSender.class);

    @Override
    public void send(List<OutgoingNotification> batch) {
        if (!batch.isEmpty()) {
            log.info("Delivered {} notifications (no webhook configured; ids {}..{})", batch.size(),
                    batch.get(0).id(), batch.get(batch.size() - 1).id());
        }
    }
}
