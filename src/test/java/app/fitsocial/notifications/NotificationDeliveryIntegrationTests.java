package app.fitsocial.notifications;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.fitsocial.IntegrationTestSupport;
import app.fitsocial.platform.jobs.JobRuns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Delivery of the outbox through the webhook sender to a receiver on this machine: batches of
 * the configured size, each notification with its idempotency key; a 500 retried; a refused
 * batch kept and sent by a later run; and a run that dies mid-batch loses nothing.
 */
class NotificationDeliveryIntegrationTests extends IntegrationTestSupport {

    private static final String SECRET = "receiver-shared-secret";

    @Autowired
    private Notifications notifications;

    @Autowired
    private NotificationOutbox outbox;

    @Autowired
    private JobRuns runs;

    @Autowired
    private JsonMapper json;

    private HttpServer receiver;

    /** The batches the receiver accepted (answered 2xx), in order. */
    private final List<List<JsonNode>> accepted = Collections.synchronizedList(new ArrayList<>());

    private final AtomicInteger requests = new AtomicInteger();

    private final AtomicInteger badSignatures = new AtomicInteger();

    /** Maps the number of a request (1, 2, ...) to the status the receiver answers it with. */
    private volatile IntUnaryOperator answers = n -> 200;

    @BeforeEach
    void startReceiver() throws IOException {
        // only this test's notifications are in flight: earlier tests' leftovers are not its business
        jdbc.sql("DELETE FROM notification_outbox").update();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks/notifications", this::receive);
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
        assertThat(badSignatures).as("every request carried the body's HMAC").hasValue(0);
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int status = answers.applyAsInt(requests.incrementAndGet());
        String signature = exchange.getRequestHeaders().getFirst(WebhookNotificationSender.SIGNATURE_HEADER);
        if (!("sha256=" + WebhookNotificationSender.signature(body, SECRET)).equals(signature)) {
            badSignatures.incrementAndGet();
            status = 401;
        }
        if (status == 200) {
            List<JsonNode> batch = new ArrayList<>();
            json.readTree(body).path("notifications").forEach(batch::add);
            accepted.add(batch);
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private NotificationDelivery delivery(int batchSize, NotificationSender sender) {
        var settings = new NotificationDeliverySettings(batchSize, 20, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(5), Duration.ofHours(1), webhook());
        return new NotificationDelivery(outbox, sender, settings, runs, new SimpleMeterRegistry());
    }

    private NotificationDeliverySettings.Webhook webhook() {
        return new NotificationDeliverySettings.Webhook(
                URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/notifications"), SECRET,
                Duration.ofSeconds(1), Duration.ofSeconds(2), 3, Duration.ofMillis(50));
    }

    private WebhookNotificationSender webhookSender() {
        return new WebhookNotificationSender(webhook(), json);
    }

    /** Creates notifications for a fresh user and returns their source keys. */
    private Set<String> notificationsFor(TestUser user, int count) {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String key = unique("delivery-test");
            notifications.create(user.id(), NotificationType.LIKE, null, (long) i, "Notification " + i, key);
            keys.add(key);
        }
        return keys;
    }

    private Set<String> acceptedKeys() {
        Set<String> keys = new HashSet<>();
        synchronized (accepted) {
            accepted.forEach(batch -> batch.forEach(n -> keys.add(n.path("idempotencyKey").asString())));
        }
        return keys;
    }

    private long waiting() {
        return jdbc.sql("SELECT count(*) FROM notification_outbox").query(Long.class).single();
    }

    @Test
    void sendsTheOutboxInBatchesOfTheConfiguredSizeWithOneKeyPerNotification() {
        TestUser user = newUser();
        Set<String> keys = notificationsFor(user, 7);

        assertThat(delivery(3, webhookSender()).run()).isEqualTo(7);

        assertThat(accepted).extracting(List::size).containsExactly(3, 3, 1);
        assertThat(acceptedKeys()).isEqualTo(keys);
        JsonNode first = accepted.get(0).get(0);
        assertThat(first.path("userId").asLong()).isEqualTo(user.id());
        assertThat(first.path("type").asString()).isEqualTo("LIKE");
        assertThat(first.path("text").asString()).startsWith("Notification ");
        assertThat(waiting()).isZero();
        // delivery does not touch the in-app notifications
        assertThat(api().get("/api/v1/notifications?limit=10", user.token()).json().path("items")).hasSize(7)
                .allSatisfy(item -> assertThat(item.path("read").asBoolean()).isFalse());
    }

    @Test
    void aServerErrorIsRetriedWithinTheRun() {
        Set<String> keys = notificationsFor(newUser(), 4);
        answers = n -> n == 1 ? 500 : 200;

        assertThat(delivery(10, webhookSender()).run()).isEqualTo(4);

        assertThat(requests).hasValue(2);
        assertThat(acceptedKeys()).isEqualTo(keys);
        assertThat(waiting()).isZero();
    }

    @Test
    void aRefusedBatchStaysInTheOutboxAndALaterRunSendsIt() throws InterruptedException {
        Set<String> keys = notificationsFor(newUser(), 5);
        answers = n -> 503;

        assertThat(delivery(10, webhookSender()).run()).isZero();
        assertThat(requests).as("three attempts within the run").hasValue(3);
        assertThat(waiting()).isEqualTo(5);
        assertThat(jdbc.sql("SELECT min(last_error) FROM notification_outbox").query(String.class).single())
                .contains("503");
        assertThat(delivery(10, webhookSender()).run()).as("backing off: nothing is due yet").isZero();
        assertThat(requests).hasValue(3);

        answers = n -> 200;
        Thread.sleep(1_200);
        assertThat(delivery(10, webhookSender()).run()).isEqualTo(5);
        assertThat(acceptedKeys()).isEqualTo(keys);
        assertThat(waiting()).isZero();
    }

    @Test
    void aRunThatDiesMidBatchLosesNothing() throws InterruptedException {
        Set<String> keys = notificationsFor(newUser(), 10);
        WebhookNotificationSender webhook = webhookSender();
        AtomicInteger batches = new AtomicInteger();
        // the run dies right after the receiver took its second batch, before the outbox hears of it
        NotificationSender dying = batch -> {
            webhook.send(batch);
            if (batches.incrementAndGet() == 2) {
                throw new OutOfMemoryError("the run dies here");
            }
        };

        assertThatThrownBy(() -> delivery(3, dying).run()).isInstanceOf(OutOfMemoryError.class);
        assertThat(accepted).hasSize(2);
        assertThat(waiting()).as("the second batch was never acknowledged").isEqualTo(7);
        assertThat(delivery(3, webhookSender()).run()).as("its rows are leased to the dead run").isEqualTo(4);

        Thread.sleep(1_200);
        assertThat(delivery(3, webhookSender()).run()).as("the lease ended").isEqualTo(3);
        assertThat(acceptedKeys()).as("every notification delivered at least once").isEqualTo(keys);
        assertThat(waiting()).isZero();
    }
}
