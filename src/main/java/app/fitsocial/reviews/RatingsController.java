package app.fitsocial.reviews;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import app.fitsocial.classes.ClassCatalog;
import app.fitsocial.platform.cache.CacheService;
import app.fitsocial.platform.web.ResourceNotFoundException;

/** Ratings of classes and providers, read from the precomputed aggregates. */
@RestController
class RatingsController {

    private final RatingAggregates aggregates;
    private final ClassCatalog catalog;
    private final CacheService cache;

    RatingsController(RatingAggregates aggregates, ClassCatalog catalog, CacheService cache) {
        this.aggregates = aggregates;
        this.catalog = catalog;
        this.cache = cache;
    }

    @GetMapping("/api/v1/classes/{id}/rating")
    RatingResponse classRating(@PathVariable long id) {
        return cache.getOrLoad(RatingAggregates.CACHE, RatingAggregates.Subject.CLASS.keyOf(id), RatingResponse.class,
                () -> aggregates.find(RatingAggregates.Subject.CLASS, id).orElseGet(() -> {
                    if (catalog.findClass(id).isEmpty()) {
                        throw new ResourceNotFoundException("Class", id);
                    }
                    return RatingResponse.unrated();
                }));
    }

    @GetMapping("/api/v1/providers/{id}/rating")
    RatingResponse providerRating(@PathVariable long id) {
        return cache.getOrLoad(RatingAggregates.CACHE, RatingAggregates.Subject.PROVIDER.keyOf(id), RatingResponse.class,
                () -> aggregates.find(RatingAggregates.Subject.PROVIDER, id).orElseGet(() -> {
                    if (!catalog.providerExists(id)) {
                        throw new ResourceNotFoundException("Provider", id);
                    }
                    return RatingResponse.unrated();
                }));
    }
}
