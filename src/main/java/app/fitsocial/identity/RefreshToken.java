package app.fitsocial.identity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.jspecify.annotations.Nullable;

/** A refresh token, stored as its SHA-256 hash, member of the family of one login. */
@Entity
@Table(name = "refresh_tokens")
class RefreshToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private long userId;

    private UUID familyId;

    private String tokenHash;

    private Instant createdAt;

    private Instant expiresAt;

    private @Nullable Instant replacedAt;

    private @Nullable Instant revokedAt;

    protected RefreshToken() {
        this.familyId = new UUID(0, 0);
        this.tokenHash = "";
        this.createdAt = Instant.EPOCH;
        this.expiresAt = Instant.EPOCH;
    }

    RefreshToken(long userId, UUID familyId, String tokenHash, Instant now, Instant expiresAt) {
        this.userId = userId;
        this.familyId = familyId;
        this.tokenHash = tokenHash;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    long userId() {
        return userId;
    }

    UUID familyId() {
        return familyId;
    }

    boolean isRevoked() {
        return revokedAt != null;
    }

    boolean wasReplaced() {
        return replacedAt != null;
    }

    boolean isExpired(Instant now) {
        return !expiresAt.isAfter(now);
    }

    void markReplaced(Instant now) {
        this.replacedAt = now;
    }
}
