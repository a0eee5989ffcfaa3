package app.fitsocial.reviews;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;

/** One user's review of one class they attended. */
@Entity
@Table(name = "reviews")
class Review {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private long userId;

    private long classId;

    private long providerId;

    private short rating;

    private @Nullable String text;

    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private long version;

    protected Review() {
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    Review(long userId, long classId, long providerId, int rating, @Nullable String text, Instant now) {
        this.userId = userId;
        this.classId = classId;
        this.providerId = providerId;
        this.rating = (short) rating;
        this.text = text;
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        this.updatedAt = this.createdAt;
    }

    void revise(int rating, @Nullable String text, Instant now) {
        this.rating = (short) rating;
        this.text = text;
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    boolean isWrittenBy(long user) {
        return userId == user;
    }

    long id() {
        if (id == null) {
            throw new IllegalStateException("Review is not saved yet");
        }
        return id;
    }

    long userId() {
        return userId;
    }

    long classId() {
        return classId;
    }

    long providerId() {
        return providerId;
    }

    int rating() {
        return rating;
    }

    @Nullable String text() {
        return text;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
