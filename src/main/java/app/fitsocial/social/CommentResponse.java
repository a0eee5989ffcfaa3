package app.fitsocial.social;

import java.time.Instant;

import app.fitsocial.identity.UserSummary;

record CommentResponse(long id, long activityId, UserSummary author, String text, Instant createdAt) {
}
