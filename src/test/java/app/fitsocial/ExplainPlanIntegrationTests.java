package app.fitsocial;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each hot query shape can be answered from its index. Test tables are small, so the planner
 * is told to avoid sequential scans where it can; a plan that still scans the table means the
 * index that query needs is missing or unusable.
 */
class ExplainPlanIntegrationTests extends IntegrationTestSupport {

    @Autowired
    private TransactionTemplate transactions;

    record Shape(String name, String sql, Map<String, Object> params, String index) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Shape> shapes() {
        return List.of(
                new Shape("class listing by time", """
                        SELECT c.id FROM fitness_classes c JOIN providers p ON p.id = c.provider_id
                        WHERE c.datetime >= now() AND c.datetime < now() + interval '7 days'
                          AND (c.datetime, c.id) > (now(), 0)
                        ORDER BY c.datetime, c.id LIMIT 21""", Map.of(), "idx_fitness_classes_datetime"),
                new Shape("class listing of a provider", """
                        SELECT c.id FROM fitness_classes c WHERE c.datetime >= now() AND c.provider_id = :p
                        ORDER BY c.datetime, c.id LIMIT 21""", Map.of("p", 1L), "idx_fitness_classes_provider_datetime"),
                new Shape("class listing in a city", """
                        SELECT c.id FROM fitness_classes c WHERE c.datetime >= now() AND lower(c.city) = lower(:city)
                        ORDER BY c.datetime, c.id LIMIT 21""", Map.of("city", "Berlin"), "idx_fitness_classes_city_datetime"),
                new Shape("my upcoming bookings", """
                        SELECT b.id FROM bookings b WHERE b.user_id = :u AND b.class_datetime >= now()
                        ORDER BY b.class_datetime, b.id LIMIT 11""", Map.of("u", 1L), "idx_bookings_user_class_datetime"),
                new Shape("reviews of a class", """
                        SELECT r.id FROM reviews r WHERE r.class_id = :c
                        ORDER BY r.created_at DESC, r.id DESC LIMIT 11""", Map.of("c", 1L), "idx_reviews_class_created"),
                new Shape("reviews of a provider", """
                        SELECT r.id FROM reviews r WHERE r.provider_id = :p
                        ORDER BY r.created_at DESC, r.id DESC LIMIT 11""", Map.of("p", 1L), "idx_reviews_provider_created"),
                new Shape("users by display-name prefix", """
                        SELECT id FROM users WHERE lower(display_name) COLLATE "C" LIKE 'dan%'
                        ORDER BY lower(display_name) COLLATE "C", id LIMIT 21""", Map.of(), "idx_users_display_name_prefix"),
                new Shape("login by email", "SELECT id FROM users WHERE email = :e", Map.of("e", "a@b.c"), "uq_users_email"),
                new Shape("newest users", "SELECT id FROM users ORDER BY created_at DESC LIMIT 20", Map.of(),
                        "idx_users_created_at"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void queryRunsOnItsIndex(Shape shape) {
        List<String> plan = transactions.execute(status -> {
            jdbc.sql("SET LOCAL enable_seqscan = off").update();
            return jdbc.sql("EXPLAIN " + shape.sql()).params(shape.params()).query(String.class).list();
        });
        assertThat(String.join("\n", plan)).as(shape.name()).contains(shape.index()).doesNotContain("Seq Scan on");
    }
}
