package app.fitsocial.reviews;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.fitsocial.classes.ClassCatalog;
import app.fitsocial.identity.UserDirectory;
import app.fitsocial.identity.UserSummary;
import app.fitsocial.platform.web.Cursor;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageQuery;
import app.fitsocial.platform.web.ResourceNotFoundException;
import app.fitsocial.platform.web.conditional.WritePreconditions;

/** Writing and listing reviews; every write marks its class and provider for the rating aggregation job. */
@Service
class ReviewService {

    private final ReviewRepository reviews;
    private final RatingAggregates aggregates;
    private final ClassCatalog catalog;
    private final UserDirectory directory;
    private final Clock clock;

    ReviewService(ReviewRepository reviews, RatingAggregates aggregates, ClassCatalog catalog, UserDirectory directory,
            Clock clock) {
        this.reviews = reviews;
        this.aggregates = aggregates;
        this.catalog = catalog;
        this.directory = directory;
        this.clock = clock;
    }

    @Transactional
    ReviewResponse create(long userId, long classId, int rating, @Nullable String text) {
        Instant now = clock.instant();
        ClassCatalog.ClassFacts facts = catalog.findClass(classId)
                .orElseThrow(() -> new ResourceNotFoundException("Class", classId));
        if (!catalog.hasAttended(userId, classId, now)) {
            throw new ReviewExceptions.NotAttended(classId);
        }
        if (reviews.existsByUserIdAndClassId(userId, classId)) {
            throw new ReviewExceptions.AlreadyReviewed(classId);
        }
        Review review;
        try {
            review = reviews.saveAndFlush(new Review(userId, classId, facts.providerId(), rating, clean(text), now));
        }
        catch (DataIntegrityViolationException ex) {
            throw new ReviewExceptions.AlreadyReviewed(classId);
        }
        aggregates.markChanged(classId, facts.providerId());
        return withAuthor(review);
    }

    @Transactional
    ReviewResponse update(long userId, long reviewId, int rating, @Nullable String text,
            WritePreconditions preconditions) {
        Review review = reviews.findByIdForUpdate(reviewId)
                .orElseThrow(() -> new ResourceNotFoundException("Review", reviewId));
        if (!review.isWrittenBy(userId)) {
            throw new ReviewExceptions.NotAuthor(reviewId);
        }
        preconditions.checkContent(withAuthor(review));
        review.revise(rating, clean(text), clock.instant());
        review = reviews.saveAndFlush(review);
        aggregates.markChanged(review.classId(), review.providerId());
        return withAuthor(review);
    }

    @Transactional
    void delete(long userId, long reviewId, WritePreconditions preconditions) {
        Review review = reviews.findByIdForUpdate(reviewId)
                .orElseThrow(() -> new ResourceNotFoundException("Review", reviewId));
        if (!review.isWrittenBy(userId)) {
            throw new ReviewExceptions.NotAuthor(reviewId);
        }
        preconditions.checkContent(withAuthor(review));
        reviews.delete(review);
        reviews.flush();
        aggregates.markChanged(review.classId(), review.providerId());
    }

    @Transactional(readOnly = true)
    ReviewResponse get(long reviewId) {
        return withAuthor(reviews.findById(reviewId).orElseThrow(() -> new ResourceNotFoundException("Review", reviewId)));
    }

    /** Reviews of a class or of a provider, newest first: one query for the page, one for the authors. */
    @Transactional(readOnly = true)
    CursorPage<ReviewResponse> list(@Nullable Long classId, @Nullable Long providerId, PageQuery page) {
        Limit limit = Limit.of(page.fetchSize());
        Cursor.TimeId after = page.cursor() == null ? null : Cursor.decodeTime(page.cursor());
        List<Review> rows;
        if (classId != null) {
            rows = after == null ? reviews.findByClassIdOrderByCreatedAtDescIdDesc(classId, limit)
                    : reviews.findByClassIdBefore(classId, after.time(), after.id(), limit);
            if (rows.isEmpty() && after == null && catalog.findClass(classId).isEmpty()) {
                throw new ResourceNotFoundException("Class", classId);
            }
        }
        else if (providerId != null) {
            rows = after == null ? reviews.findByProviderIdOrderByCreatedAtDescIdDesc(providerId, limit)
                    : reviews.findByProviderIdBefore(providerId, after.time(), after.id(), limit);
            if (rows.isEmpty() && after == null && !catalog.providerExists(providerId)) {
                throw new ResourceNotFoundException("Provider", providerId);
            }
        }
        else {
            throw new IllegalArgumentException("classId or providerId is required");
        }
        return CursorPage.of(rows, page, review -> Cursor.ofTime(review.createdAt(), review.id())).mapItems(kept -> {
            Map<Long, UserSummary> authors = directory.summaries(kept.stream().map(Review::userId).toList());
            return kept.stream().map(review -> ReviewResponse.from(review, authorOf(authors, review))).toList();
        });
    }

    private ReviewResponse withAuthor(Review review) {
        return ReviewResponse.from(review, authorOf(directory.summaries(List.of(review.userId())), review));
    }

    private static UserSummary authorOf(Map<Long, UserSummary> authors, Review review) {
        UserSummary author = authors.get(review.userId());
        return author != null ? author : new UserSummary(review.userId(), "");
    }

    private static @Nullable String clean(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
