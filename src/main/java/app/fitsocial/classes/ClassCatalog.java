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

/**
 * The classes module's API for other modules: facts about a class, whether a user attended
 * it, and the read copies of rating aggregates shown on class and provider listings.
 */
@Service
public class ClassCatalog {

    private final JdbcClient jdbc;
    private final ClassCache cache;

    ClassCatalog(JdbcClient jdbc, ClassCache cache) {
        this.cache = cache;
        this.jdbc = jdbc;
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

    /** True when the user booked the class and the class has started by {@code now}. */
    @Transactional(readOnly = true)
    public boolean hasAttended(long userId, long classId, Instant now) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM bookings
                               WHERE user_id = :user AND class_id = :class AND class_datetime <= :now)""")
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

    /** Stores the rating shown with a class (the reviews module owns the aggregate). */
    @Transactional
    public void recordClassRating(long classId, @Nullable BigDecimal average, long count) {
        jdbc.sql("UPDATE fitness_classes SET rating_average = :avg, rating_count = :count WHERE id = :id")
                .param("avg", average).param("count", count).param("id", classId).update();
        cache.classChanged(classId);
    }

    /** Stores the rating shown with a provider (the reviews module owns the aggregate). */
    @Transactional
    public void recordProviderRating(long providerId, @Nullable BigDecimal average, long count) {
        jdbc.sql("UPDATE providers SET rating_average = :avg, rating_count = :count WHERE id = :id")
                .param("avg", average).param("count", count).param("id", providerId).update();
    }
}
