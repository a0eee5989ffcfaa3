package app.fitsocial.reviews;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import app.fitsocial.identity.UserSummary;

record ReviewResponse(long id, long classId, long providerId, UserSummary author, int rating, @Nullable String text,
        Instant createdAt, Instant updatedAt) {

    static ReviewResponse from(Review review, UserSummary author) {
        return new ReviewResponse(review.id(), review.classId(), review.providerId(), author, review.rating(),
                review.text(), review.createdAt(), review.updatedAt());
    }
}
