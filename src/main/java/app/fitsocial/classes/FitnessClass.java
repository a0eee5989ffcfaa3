package app.fitsocial.classes;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;

/**
 * A scheduled class. Its {@code bookedCount} is changed only by the atomic conditional updates
 * of {@link BookingService}, never through this entity, so capacity holds under any concurrency.
 */
@Entity
@Table(name = "fitness_classes")
class FitnessClass {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private long providerId;

    private String title;

    @Enumerated(EnumType.STRING)
    private ClassType type;

    private Instant datetime;

    private int durationMinutes;

    private int capacity;

    private int bookedCount;

    private String city;

    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private long version;

    protected FitnessClass() {
        this.title = "";
        this.type = ClassType.YOGA;
        this.datetime = Instant.EPOCH;
        this.city = "";
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    FitnessClass(long providerId, String title, ClassType type, Instant datetime, int durationMinutes, int capacity,
            String city, Instant now) {
        this.providerId = providerId;
        this.title = title;
        this.type = type;
        this.datetime = datetime.truncatedTo(ChronoUnit.MICROS);
        this.durationMinutes = durationMinutes;
        this.capacity = capacity;
        this.city = city;
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        this.updatedAt = this.createdAt;
    }

    long id() {
        if (id == null) {
            throw new IllegalStateException("Class is not saved yet");
        }
        return id;
    }
}
