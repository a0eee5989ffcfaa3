package app.fitsocial.identity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "users")
class User {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private String email;

    private String passwordHash;

    private String displayName;

    private @Nullable String bio;

    @Enumerated(EnumType.STRING)
    private @Nullable FitnessLevel fitnessLevel;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private List<String> interests = new ArrayList<>();

    private @Nullable String city;

    private @Nullable Double latitude;

    private @Nullable Double longitude;

    @Enumerated(EnumType.STRING)
    private Role role;

    private long followersCount;

    private long followingCount;

    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private long version;

    protected User() {
        this.email = "";
        this.passwordHash = "";
        this.displayName = "";
        this.role = Role.USER;
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    User(String email, String passwordHash, String displayName, Role role, Instant now) {
        this.email = email;
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.role = role;
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        this.updatedAt = this.createdAt;
    }

    void update(ProfileChanges changes, Instant now) {
        if (changes.displayName() != null) {
            this.displayName = changes.displayName().strip();
        }
        if (changes.bio() != null) {
            this.bio = changes.bio().isBlank() ? null : changes.bio().strip();
        }
        if (changes.fitnessLevel() != null) {
            this.fitnessLevel = changes.fitnessLevel();
        }
        if (changes.interests() != null) {
            this.interests = changes.interests().stream().map(String::strip).map(String::toLowerCase).distinct()
                    .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        }
        if (changes.city() != null) {
            this.city = changes.city().isBlank() ? null : changes.city().strip();
        }
        if (changes.latitude() != null) {
            this.latitude = changes.latitude();
        }
        if (changes.longitude() != null) {
            this.longitude = changes.longitude();
        }
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    long id() {
        if (id == null) {
            throw new IllegalStateException("User is not saved yet");
        }
        return id;
    }

    String email() {
        return email;
    }

    String passwordHash() {
        return passwordHash;
    }

    String displayName() {
        return displayName;
    }

    @Nullable String bio() {
        return bio;
    }

    @Nullable FitnessLevel fitnessLevel() {
        return fitnessLevel;
    }

    List<String> interests() {
        return List.copyOf(interests);
    }

    @Nullable String city() {
        return city;
    }

    @Nullable Double latitude() {
        return latitude;
    }

    @Nullable Double longitude() {
        return longitude;
    }

    Role role() {
        return role;
    }

    long followersCount() {
        return followersCount;
    }

    long followingCount() {
        return followingCount;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    long version() {
        return version;
    }
}
