package app.fitsocial.messaging;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import app.fitsocial.identity.UserSummary;

/** A conversation in the caller's list: everyone in it, its last message, and how many the caller has not read. */
record ConversationResponse(long id, List<UserSummary> participants, @Nullable MessageResponse lastMessage,
        long unreadCount, Instant lastMessageAt) {
}
