package app.fitsocial.classes;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.jspecify.annotations.Nullable;

/** A studio or gym that offers classes; owned by a PROVIDER user. */
@Entity
@Table(name = "providers")
class Provider {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private String name;

    private String city;

    private @Nullable Long ownerId;

    protected Provider() {
        this.name = "";
        this.city = "";
    }

    long id() {
        if (id == null) {
            throw new IllegalStateException("Provider is not saved yet");
        }
        return id;
    }

    String name() {
        return name;
    }

    String city() {
        return city;
    }

    boolean isOwnedBy(long userId) {
        return ownerId != null && ownerId == userId;
    }
}
