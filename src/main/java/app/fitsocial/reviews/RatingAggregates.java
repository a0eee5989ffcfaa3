package app.fitsocial.reviews;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import app.fitsocial.classes.ClassCatalog;
import app.fitsocial.platform.versions.Versioned;
import app.fitsocial.platform.versions.Versions;

/**
 * The {@code rating_aggregates} table. Review writes only mark their class and provider as
 * changed; {@link RatingAggregation} recomputes the marked aggregates in set-based SQL every 15
 * minutes (or when an operator triggers it) and copies them to the class and provider rows that
 * listings show.
 */
@Component
class RatingAggregates {

    enum Subject {
        CLASS, PROVIDER;

        /** The version name of the subject's rating ({@code rating:class:7}), raised by each recomputation. */
        String resourceOf(long id) {
            return "rating:" + name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
        }
    }

    private final JdbcClient jdbc;
    private final ClassCatalog catalog;
    private final Versions versions;

    RatingAggregates(JdbcClient jdbc, ClassCatalog catalog, Versions versions) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.versions = versions;
    }

    /** Notes that the reviews of a class (and so of its provider) changed, inside the review's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    void markChanged(long classId, long providerId) {
        jdbc.sql("""
                INSERT INTO rating_changes (subject_type, subject_id) VALUES ('CLASS', :c), ('PROVIDER', :p)
                ON CONFLICT DO NOTHING""")
                .param("c", classId).param("p", providerId).update();
    }

    /**
     * Recomputes the aggregates of every subject marked changed, in set-based SQL: one statement
     * takes the marks and upserts the aggregates, one updates the read copies of classes and one
     * those of providers. Runs one at a time across instances (a transaction-scoped advisory
     * lock). A review committed during a run marks its subject again, so the next run sees it.
     *
     * @return how many aggregates were recomputed
     */
    @Transactional
    int recomputeChanged() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('rating-aggregation', 0))").query((rs, row) -> 1).single();
        List<Recomputed> recomputed = jdbc.sql("""
                WITH changed AS (DELETE FROM rating_changes RETURNING subject_type, subject_id),
                rated AS (
                    SELECT c.subject_type, c.subject_id, r.rating
                    FROM changed c JOIN reviews r ON c.subject_type = 'CLASS' AND r.class_id = c.subject_id
                    UNION ALL
                    SELECT c.subject_type, c.subject_id, r.rating
                    FROM changed c JOIN reviews r ON c.subject_type = 'PROVIDER' AND r.provider_id = c.subject_id)
                INSERT INTO rating_aggregates (subject_type, subject_id, average, count,
                                               count_1, count_2, count_3, count_4, count_5, computed_at, version)
                SELECT c.subject_type, c.subject_id, round(avg(r.rating), 2), count(r.rating),
                       count(*) FILTER (WHERE r.rating = 1), count(*) FILTER (WHERE r.rating = 2),
                       count(*) FILTER (WHERE r.rating = 3), count(*) FILTER (WHERE r.rating = 4),
                       count(*) FILTER (WHERE r.rating = 5), now(), 1
                FROM changed c LEFT JOIN rated r ON r.subject_type = c.subject_type AND r.subject_id = c.subject_id
                GROUP BY c.subject_type, c.subject_id
                ON CONFLICT (subject_type, subject_id) DO UPDATE SET
                    average = EXCLUDED.average, count = EXCLUDED.count,
                    count_1 = EXCLUDED.count_1, count_2 = EXCLUDED.count_2, count_3 = EXCLUDED.count_3,
                    count_4 = EXCLUDED.count_4, count_5 = EXCLUDED.count_5, computed_at = EXCLUDED.computed_at,
                    version = rating_aggregates.version + 1
                RETURNING subject_type, subject_id, average, count, version""")
                .query((rs, row) -> new Recomputed(Subject.valueOf(rs.getString("subject_type")), rs.getLong("subject_id"),
                        rs.getBigDecimal("average"), rs.getLong("count"), rs.getLong("version")))
                .list();
        Map<Long, ClassCatalog.Rating> classes = new LinkedHashMap<>();
        Map<Long, ClassCatalog.Rating> providers = new LinkedHashMap<>();
        for (Recomputed aggregate : recomputed) {
            var rating = new ClassCatalog.Rating(aggregate.average(), aggregate.count());
            (aggregate.subject() == Subject.CLASS ? classes : providers).put(aggregate.id(), rating);
            versions.changed(aggregate.subject().resourceOf(aggregate.id()), aggregate.version());
        }
        catalog.recordClassRatings(classes);
        catalog.recordProviderRatings(providers);
        return recomputed.size();
    }

    private record Recomputed(Subject subject, long id, @org.jspecify.annotations.Nullable BigDecimal average, long count,
            long version) {
    }

    /** The subject's aggregate at its version; unrated (version 0) while it has none. */
    @Transactional(readOnly = true)
    Optional<Versioned<RatingResponse>> find(Subject subject, long subjectId) {
        return jdbc.sql("SELECT * FROM rating_aggregates WHERE subject_type = :type AND subject_id = :id")
                .param("type", subject.name()).param("id", subjectId)
                .query(RatingAggregates::toRating).optional();
    }

    private static Versioned<RatingResponse> toRating(ResultSet rs, int row) throws SQLException {
        Map<String, Long> distribution = new LinkedHashMap<>();
        for (int stars = 1; stars <= 5; stars++) {
            distribution.put(Integer.toString(stars), rs.getLong("count_" + stars));
        }
        BigDecimal average = rs.getBigDecimal("average");
        return new Versioned<>(new RatingResponse(average, rs.getLong("count"), distribution,
                rs.getObject("computed_at", OffsetDateTime.class).toInstant()), rs.getLong("version"));
    }
}
