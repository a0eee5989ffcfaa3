package app.fitsocial.platform.versions;

import java.util.function.Function;
import org.springframework.modulith.NamedInterface;

/**
 * A value read at a known version of the resource it shows: what a cache entry and an
 * {@code ETag} are made of. Controllers of version-tagged endpoints return it; the platform
 * takes the tag from the version and sends the value.
 *
 * @param value the representation
 * @param version the version of the resource it was read at (the row's version column)
 */
@NamedInterface("versions")
public record Versioned<T>(T value, long version) {

    public <U> Versioned<U> map(Function<? super T, ? extends U> mapper) {
        return new Versioned<>(mapper.apply(value), version);
    }
}
