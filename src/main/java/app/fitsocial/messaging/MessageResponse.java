package app.fitsocial.messaging;

import java.time.Instant;

import app.fitsocial.identity.UserSummary;

record MessageResponse(long id, long conversationId, UserSummary sender, String body, Instant sentAt) {
}
