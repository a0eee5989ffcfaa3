package app.fitsocial.messaging;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

import io.swagger.v3.oas.annotations.Operation;
import org.hibernate.validator.constraints.CodePointLength;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import app.fitsocial.platform.security.CurrentUser;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.InvalidRequestException;
import app.fitsocial.platform.web.PageLimit;
import app.fitsocial.platform.web.PageQuery;

@RestController
@RequestMapping("/api/v1")
class MessagingController {

    private final MessagingService messaging;

    MessagingController(MessagingService messaging) {
        this.messaging = messaging;
    }

    /** Exactly one of {@code recipientId} and {@code conversationId}. */
    record SendRequest(@Positive @Nullable Long recipientId, @Positive @Nullable Long conversationId,
            @NotBlank @CodePointLength(max = 4000) String body) {
    }

    @Operation(operationId = "sendMessage")
    @PostMapping("/messages/send")
    @ResponseStatus(HttpStatus.CREATED)
    MessageResponse send(CurrentUser me, @Valid @RequestBody SendRequest request) {
        if ((request.recipientId() == null) == (request.conversationId() == null)) {
            throw new InvalidRequestException("Give exactly one of recipientId and conversationId");
        }
        return request.recipientId() != null
                ? messaging.sendTo(me.id(), request.recipientId(), request.body())
                : messaging.sendToConversation(me.id(), request.conversationId(), request.body());
    }

    @Operation(operationId = "listConversations")
    @GetMapping("/conversations")
    CursorPage<ConversationResponse> conversations(CurrentUser me, @PageLimit(PageLimit.Size.HEAVY) PageQuery page) {
        return messaging.conversations(me.id(), page);
    }

    @Operation(operationId = "listMessages")
    @GetMapping("/conversations/{id}/messages")
    CursorPage<MessageResponse> messages(CurrentUser me, @PathVariable long id, @PageLimit(PageLimit.Size.HEAVY) PageQuery page) {
        return messaging.messages(me.id(), id, page);
    }

    @Operation(operationId = "markConversationRead")
    @PostMapping("/conversations/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void read(CurrentUser me, @PathVariable long id) {
        messaging.markRead(me.id(), id);
    }
}
