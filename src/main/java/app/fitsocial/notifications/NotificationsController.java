package app.fitsocial.notifications;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import app.fitsocial.platform.security.CurrentUser;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageLimit;
import app.fitsocial.platform.web.PageQuery;

@RestController
@RequestMapping("/api/v1/notifications")
class NotificationsController {

    private final Notifications notifications;

    NotificationsController(Notifications notifications) {
        this.notifications = notifications;
    }

    /** Optional body of a mark-read request: without it (or without {@code ids}) every notification is marked read. */
    record MarkReadRequest(@Size(max = 100) @Nullable List<@NotNull @Positive Long> ids) {
    }

    @Operation(operationId = "listNotifications")
    @GetMapping
    CursorPage<NotificationResponse> list(CurrentUser me, @PageLimit(PageLimit.Size.HEAVY) PageQuery page) {
        return notifications.list(me.id(), page);
    }

    @Operation(operationId = "markNotificationsRead")
    @PostMapping("/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void markRead(CurrentUser me, @Valid @RequestBody(required = false) @Nullable MarkReadRequest request) {
        notifications.markRead(me.id(), request == null ? null : request.ids());
    }
}
