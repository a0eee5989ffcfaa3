package app.fitsocial.classes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.fitsocial.platform.versions.Versions;

/**
 * The classes module's API for other modules: facts about a class, whether a user attended
 * it, and the read copies of rating aggregates shown on class and provider listings.
 */
@Service
public class ClassCatalog {

    private final JdbcClient jdbc;
    private final ClassCache cache;
    private final Versions versions;

    ClassCatalog(JdbcClient jdbc, ClassCache cache, Versions versions) {
        this.cache = cache;
        this.jdbc = jdbc;
        this.versions = versions;
    }

    /** What other modules need to know about a class. */
    public record ClassFacts(long id, long providerId, Instant datetime) {
    }

    @Transactional(readOnly = true)
    public Optional<ClassFacts> findClass(long classId) {
        return jdbc.sql("SELECT id, provider_id, datetime FROM fitness_classes WHERE id = :id")
                .param("id", classId)
                .query((rs, row) -> new ClassFacts(rs.getLong("id"), rs.getLong("provider_id"),
                        ClassQueries.instant(rs, "datetime")))
                .optional();
    }

    @Transactional(readOnly = true)
    public boolean providerExists(long providerId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM providers WHERE id = :id)").param("id", providerId)
                .query(Boolean.class).single();
    }

    /**
     * True when the user booked the class and the class has ended by {@code now} (its start plus
     * its duration): only then has the user attended it, and may review it.
     */
    @Transactional(readOnly = true)
    public boolean hasAttended(long userId, long classId, Instant now) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM bookings b JOIN fitness_classes c ON c.id = b.class_id
                               WHERE b.user_id = :user AND b.class_id = :class
                                 AND c.datetime + make_interval(mins => c.duration_minutes) <= :now)""")
                .param("user", userId).param("class", classId).param("now", ClassQueries.utc(now))
                .query(Boolean.class).single();
    }

    /** How many classes each of the other users booked together with the user (absent: none), in one query. */
    @Transactional(readOnly = true)
    public Map<Long, Long> sharedClassCounts(long userId, Collection<Long> otherIds) {
        if (otherIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, Long> counts = new HashMap<>();
        jdbc.sql("""
                SELECT other.user_id, count(*) AS shared
                FROM bookings mine JOIN bookings other ON other.class_id = mine.class_id
                WHERE mine.user_id = :user AND other.user_id = ANY(:others)
                GROUP BY other.user_id""")
                .param("user", userId).param("others", otherIds.toArray(Long[]::new))
                .query((RowCallbackHandler) rs -> counts.put(rs.getLong("user_id"), rs.getLong("shared")));
        return counts;
    }

    /**
     * A rating as listings show it.
     *
     * @param average the average stars, {@code null} when unrated
     * @param count how many reviews
     */
    public record Rating(@Nullable BigDecimal average, long count) {
    }

    /**
     * Stores the ratings shown with classes, in one statement (the reviews module owns the
     * aggregates); each is a new version of its class.
     */
    @Transactional
    public void recordClassRatings(Map<Long, Rating> ratings) {
        record("fitness_classes", ratings).forEach(cache::changed);
    }

    /** Stores the ratings shown with providers, in one statement; each is a new version of its provider. */
    @Transactional
    public void recordProviderRatings(Map<Long, Rating> ratings) {
        record("providers", ratings).forEach((id, version) -> versions.changed(providerResource(id), version));
    }

    /** The version name of a provider's row-backed representation ({@code /providers/{id}}). */
    static String providerResource(long id) {
        return "provider:" + id;
    }

    /** Updates the read copies; answers the new version of each row. */
    private Map<Long, Long> record(String table, Map<Long, Rating> ratings) {
        if (ratings.isEmpty()) {
            return Map.of();
        }
        Map<Long, Long> changed = new HashMap<>();
        jdbc.sql("""
                UPDATE %s t SET rating_average = v.average, rating_count = v.count, version = t.version + 1
                FROM unnest(:ids, :averages, :counts) AS v(id, average, count)
                WHERE t.id = v.id
                RETURNING t.id, t.version""".formatted(table))
                .param("ids", ratings.keySet().toArray(Long[]::new))
                .param("averages", ratings.values().stream().map(Rating::average).toArray(BigDecimal[]::new))
                .param("counts", ratings.values().stream().map(Rating::count).toArray(Long[]::new))
                .query((RowCallbackHandler) rs -> changed.put(rs.getLong("id"), rs.getLong("version")));
        return changed;
    }
}
