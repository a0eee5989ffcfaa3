package app.fitsocial.reviews;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import io.swagger.v3.oas.annotations.Operation;
import org.hibernate.validator.constraints.CodePointLength;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import app.fitsocial.platform.security.CurrentUser;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.InvalidRequestException;
import app.fitsocial.platform.web.PageLimit;
import app.fitsocial.platform.web.PageQuery;
import app.fitsocial.platform.web.conditional.WritePreconditions;

@RestController
@RequestMapping("/api/v1/reviews")
class ReviewsController {

    private final ReviewService reviews;

    ReviewsController(ReviewService reviews) {
        this.reviews = reviews;
    }

    record NewReviewRequest(@NotNull @Positive Long classId, @NotNull @Min(1) @Max(5) Integer rating,
            @CodePointLength(max = 2000) @Nullable String text) {
    }

    record ReviewChanges(@NotNull @Min(1) @Max(5) Integer rating, @CodePointLength(max = 2000) @Nullable String text) {
    }

    @ResponseStatus(HttpStatus.CREATED) // what the document says; the ResponseEntity sets it too
    @Operation(operationId = "createReview")
    @PostMapping
    ResponseEntity<ReviewResponse> create(CurrentUser me, @Valid @RequestBody NewReviewRequest request) {
        ReviewResponse review = reviews.create(me.id(), request.classId(), request.rating(), request.text());
        var location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}")
                .buildAndExpand(review.id()).toUri();
        return ResponseEntity.created(location).body(review);
    }

    @Operation(operationId = "getReview")
    @GetMapping("/{id}")
    ReviewResponse get(@PathVariable long id) {
        return reviews.get(id);
    }

    @Operation(operationId = "updateReview")
    @PutMapping("/{id}")
    ReviewResponse update(CurrentUser me, @PathVariable long id, @Valid @RequestBody ReviewChanges changes,
            WritePreconditions preconditions) {
        return reviews.update(me.id(), id, changes.rating(), changes.text(), preconditions);
    }

    @Operation(operationId = "deleteReview")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(CurrentUser me, @PathVariable long id, WritePreconditions preconditions) {
        reviews.delete(me.id(), id, preconditions);
    }

    /** Reviews of exactly one class ({@code classId}) or one provider ({@code providerId}), newest first. */
    @Operation(operationId = "listReviews")
    @GetMapping
    CursorPage<ReviewResponse> list(@RequestParam(required = false) @Positive @Nullable Long classId,
            @RequestParam(required = false) @Positive @Nullable Long providerId, @PageLimit(PageLimit.Size.HEAVY) PageQuery page) {
        if ((classId == null) == (providerId == null)) {
            throw new InvalidRequestException("Give exactly one of classId and providerId");
        }
        return reviews.list(classId, providerId, page);
    }
}
