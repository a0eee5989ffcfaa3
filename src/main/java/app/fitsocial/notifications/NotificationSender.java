package app.fitsocial.notifications;

import java.util.List;

/**
 * Sends a batch of notifications out of the service (push gateway, e-mail service, webhook).
 * Returning normally means the receiver accepted the whole batch; throwing means it must be
 * sent again (the same notifications may then arrive twice, with the same idempotency keys).
 */
public interface NotificationSender {

    /** Sends the batch or throws. */
    void send(List<OutgoingNotification> batch);
}
