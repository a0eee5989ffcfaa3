package app.fitsocial.messaging;

import java.util.List;

/** A message was sent; {@code recipientIds} are the conversation's other participants. */
public record MessageSent(long messageId, long conversationId, long senderId, List<Long> recipientIds) {
}
