package app.fitsocial.reviews;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import app.fitsocial.platform.versions.Versioned;
import app.fitsocial.platform.web.conditional.VersionTagged;

/** Ratings of classes and providers, read from the precomputed aggregates. */
@RestController
class RatingsController {

    private final RatingCache ratings;

    RatingsController(RatingCache ratings) {
        this.ratings = ratings;
    }

    @Operation(operationId = "getClassRating")
    @GetMapping("/api/v1/classes/{id}/rating")
    @VersionTagged("rating:class:{id}")
    Versioned<RatingResponse> classRating(@PathVariable long id) {
        return ratings.of(RatingAggregates.Subject.CLASS, id);
    }

    @Operation(operationId = "getProviderRating")
    @GetMapping("/api/v1/providers/{id}/rating")
    @VersionTagged("rating:provider:{id}")
    Versioned<RatingResponse> providerRating(@PathVariable long id) {
        return ratings.of(RatingAggregates.Subject.PROVIDER, id);
    }
}
