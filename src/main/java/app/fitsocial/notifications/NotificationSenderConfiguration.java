package app.fitsocial.notifications;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

/** The webhook sender when {@code fitsocial.notifications.delivery.webhook.url} is set, else the logging one. */
@Configuration(proxyBeanMethods = false)
class NotificationSenderConfiguration {

    @Bean
    NotificationSender notificationSender(NotificationDeliverySettings settings, JsonMapper json) {
        return settings.webhook().configured() ? new WebhookNotificationSender(settings.webhook(), json)
                : new LoggingNotificationSender();
    }
}
