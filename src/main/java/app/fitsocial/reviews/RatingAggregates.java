package app.fitsocial.reviews;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import app.fitsocial.classes.ClassCatalog;
import app.fitsocial.platform.cache.CacheService;

/**
 * The {@code rating_aggregates} table: recomputed in one set-based statement per subject when a
 * review changes, and copied to the class and provider rows that listings show.
 */
@Component
class RatingAggregates {

    enum Subject {
        CLASS("class_id"), PROVIDER("provider_id");

        /** The key of the subject's rating in the {@link #CACHE} cache. */
        String keyOf(long id) {
            return name() + ":" + id;
        }

        private final String reviewColumn;

        Subject(String reviewColumn) {
            this.reviewColumn = reviewColumn;
        }
    }

    /** The cache of rating aggregates, dropped whenever they are recomputed. */
    static final String CACHE = "ratings";

    private final JdbcClient jdbc;
    private final ClassCatalog catalog;
    private final CacheService cache;

    RatingAggregates(JdbcClient jdbc, ClassCatalog catalog, CacheService cache) {
        this.cache = cache;
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    /** Recomputes the aggregates of a class and its provider inside the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    void refresh(long classId, long providerId) {
        RatingResponse classRating = recompute(Subject.CLASS, classId);
        catalog.recordClassRating(classId, classRating.average(), classRating.count());
        RatingResponse providerRating = recompute(Subject.PROVIDER, providerId);
        catalog.recordProviderRating(providerId, providerRating.average(), providerRating.count());
        // dropped after the commit, not replaced: concurrent reviews commit in lock order but their
        // after-commit callbacks may run in any order, so a replacement could leave an older count
        cache.invalidate(CACHE, Subject.CLASS.keyOf(classId));
        cache.invalidate(CACHE, Subject.PROVIDER.keyOf(providerId));
    }

    @Transactional(readOnly = true)
    Optional<RatingResponse> find(Subject subject, long subjectId) {
        return jdbc.sql("SELECT * FROM rating_aggregates WHERE subject_type = :type AND subject_id = :id")
                .param("type", subject.name()).param("id", subjectId)
                .query(RatingAggregates::toRating).optional();
    }

    private RatingResponse recompute(Subject subject, long subjectId) {
        // Serialise refreshes of one subject: under READ COMMITTED a concurrent writer's review is
        // invisible to a statement that started before it committed, so without this lock the
        // last refresh to commit could miss a review. Waiting here makes the next statement see it.
        // Locks are always taken class first, then provider, so two writers cannot deadlock.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", "rating:" + subject.name() + ":" + subjectId)
                .query((rs, row) -> 1).single();
        String sql = """
                INSERT INTO rating_aggregates (subject_type, subject_id, average, count,
                                               count_1, count_2, count_3, count_4, count_5, computed_at)
                SELECT :type, :id, round(avg(rating), 2), count(*),
                       count(*) FILTER (WHERE rating = 1), count(*) FILTER (WHERE rating = 2),
                       count(*) FILTER (WHERE rating = 3), count(*) FILTER (WHERE rating = 4),
                       count(*) FILTER (WHERE rating = 5), now()
                FROM reviews WHERE %s = :id
                ON CONFLICT (subject_type, subject_id) DO UPDATE SET
                    average = EXCLUDED.average, count = EXCLUDED.count,
                    count_1 = EXCLUDED.count_1, count_2 = EXCLUDED.count_2, count_3 = EXCLUDED.count_3,
                    count_4 = EXCLUDED.count_4, count_5 = EXCLUDED.count_5, computed_at = EXCLUDED.computed_at
                RETURNING *""".formatted(subject.reviewColumn);
        return jdbc.sql(sql).param("type", subject.name()).param("id", subjectId)
                .query(RatingAggregates::toRating).single();
    }

    private static RatingResponse toRating(ResultSet rs, int row) throws SQLException {
        Map<String, Long> distribution = new LinkedHashMap<>();
        for (int stars = 1; stars <= 5; stars++) {
            distribution.put(Integer.toString(stars), rs.getLong("count_" + stars));
        }
        BigDecimal average = rs.getBigDecimal("average");
        return new RatingResponse(average, rs.getLong("count"), distribution,
                rs.getObject("computed_at", OffsetDateTime.class).toInstant());
    }
}
