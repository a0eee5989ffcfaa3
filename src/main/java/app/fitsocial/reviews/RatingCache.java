package app.fitsocial.reviews;

import org.springframework.stereotype.Component;

import app.fitsocial.classes.ClassCatalog;
import app.fitsocial.platform.cache.CacheService;
import app.fitsocial.platform.versions.Versioned;
import app.fitsocial.platform.web.ResourceNotFoundException;

/**
 * Rating aggregates through the {@code ratings} cache, one entry per subject at the version of its
 * aggregate ({@code rating:class:<id>}, {@code rating:provider:<id>}), raised by each
 * recomputation. An unrated subject is version 0 until its first aggregate.
 */
@Component
class RatingCache {

    static final String CACHE = "ratings";

    private final RatingAggregates aggregates;
    private final ClassCatalog catalog;
    private final CacheService cache;

    RatingCache(RatingAggregates aggregates, ClassCatalog catalog, CacheService cache) {
        this.aggregates = aggregates;
        this.catalog = catalog;
        this.cache = cache;
    }

    /** The rating of a subject; 404 when the class or provider does not exist. */
    Versioned<RatingResponse> of(RatingAggregates.Subject subject, long id) {
        Versioned<RatingResponse> rating = cache.get(CACHE, subject.name() + ":" + id, subject.resourceOf(id),
                RatingResponse.class, () -> aggregates.find(subject, id).orElseGet(() -> {
                    boolean exists = subject == RatingAggregates.Subject.CLASS ? catalog.findClass(id).isPresent()
                            : catalog.providerExists(id);
                    return exists ? new Versioned<>(RatingResponse.unrated(), 0) : null;
                }));
        if (rating == null) {
            throw new ResourceNotFoundException(subject == RatingAggregates.Subject.CLASS ? "Class" : "Provider", id);
        }
        return rating;
    }
}
