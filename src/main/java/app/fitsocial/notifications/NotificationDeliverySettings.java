package app.fitsocial.notifications;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How notifications leave the service.
 *
 * @param batchSize most notifications sent in one batch (one webhook POST)
 * @param maxBatchesPerRun most batches one run of the delivery job sends; the rest waits for the next run
 * @param lease how long a claimed batch is reserved for the run that claimed it; a run that dies
 *        (crash, kill) leaves its batch to be sent again once the lease has passed. Longer than a
 *        batch can take with all its retries
 * @param retryDelay wait after a batch's first failed run; doubled on every further failure
 * @param maxRetryDelay the longest wait between two runs of a failing batch
 * @param reminderLead how long before a booked class its reminder is created
 * @param webhook where batches are POSTed; without a URL notifications are only logged
 */
@Validated
@ConfigurationProperties("fitsocial.notifications.delivery")
public record NotificationDeliverySettings(
        @DefaultValue("500") @Min(1) @Max(10_000) int batchSize,
        @DefaultValue("20") @Min(1) int maxBatchesPerRun,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("10s") Duration retryDelay,
        @DefaultValue("1h") Duration maxRetryDelay,
        @DefaultValue("1h") Duration reminderLead,
        @DefaultValue @Valid Webhook webhook) {

    /**
     * The webhook sender's settings.
     *
     * @param url the receiver; null or blank for the logging sender
     * @param secret when set, each POST carries {@code X-FitSocial-Signature: sha256=<HMAC-SHA256 of the body>}
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout how long to wait for the receiver's answer
     * @param attempts tries per batch within one run (with back-off) before the batch waits for a later run
     * @param backoff wait before the second try, doubled before each further one
     */
    public record Webhook(@Nullable URI url, @Nullable String secret,
            @DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
            @DefaultValue("3") @Min(1) @Max(10) int attempts, @DefaultValue("500ms") Duration backoff) {

        boolean configured() {
            return url != null && !url.toString().isBlank();
        }
    }
}
