package app.fitsocial.notifications;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs each batch as one JSON document, {@code {"notifications": [...]}}, to the configured
 * URL, with connect and read timeouts. Connection failures, timeouts, 408, 429 and 5xx answers
 * are retried within the run with exponential back-off; any other answer but 2xx fails the batch
 * at once. A failed batch stays in the outbox and is sent again by a later run.
 */
class WebhookNotificationSender implements NotificationSender {

    static final String SIGNATURE_HEADER = "X-FitSocial-Signature";

    private final RestClient http;
    private final RetryTemplate retries;
    private final JsonMapper json;
    private final NotificationDeliverySettings.Webhook settings;

    WebhookNotificationSender(NotificationDeliverySettings.Webhook settings, JsonMapper json) {
        if (!settings.configured()) {
            throw new IllegalArgumentException("A webhook sender needs fitsocial.notifications.delivery.webhook.url");
        }
        this.settings = settings;
        this.json = json;
        var requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build());
        requests.setReadTimeout(settings.readTimeout());
        this.http = RestClient.builder().requestFactory(requests).build();
        this.retries = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(settings.attempts() - 1L)
                .delay(settings.backoff()).multiplier(2)
                .predicate(WebhookNotificationSender::retryable)
                .build());
    }

    @Override
    public void send(List<OutgoingNotification> batch) {
        byte[] body = json.writeValueAsBytes(Map.of("notifications", batch));
        try {
            retries.execute(() -> post(body));
        }
        catch (RetryException failed) {
            throw new DeliveryFailedException("Webhook rejected a batch of " + batch.size() + " notifications after "
                    + (failed.getRetryCount() + 1) + " attempts: " + failed.getLastException().getMessage(),
                    failed.getLastException());
        }
    }

    private Object post(byte[] body) {
        var request = http.post().uri(settings.url()).contentType(MediaType.APPLICATION_JSON).body(body);
        if (settings.secret() != null && !settings.secret().isBlank()) {
            request = request.header(SIGNATURE_HEADER, "sha256=" + signature(body, settings.secret()));
        }
        request.retrieve().toBodilessEntity();
        return Boolean.TRUE;
    }

    static String signature(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HMAC-SHA256 is not available", ex);
        }
    }

    private static boolean retryable(Throwable failure) {
        if (failure instanceof RestClientResponseException answer) {
            HttpStatusCode status = answer.getStatusCode();
            return status.is5xxServerError() || status.value() == 408 || status.value() == 429;
        }
        return failure instanceof ResourceAccessException || failure instanceof IOException;
    }

    /** A batch the receiver did not accept. */
    static class DeliveryFailedException extends RuntimeException {

        DeliveryFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
