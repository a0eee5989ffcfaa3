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
                        SELECT c.id FROM fitness_classes c WHERE c.datetime >= now() AND search_key(c.city) = search_key(:city)
                        ORDER BY c.datetime, c.id LIMIT 21""", Map.of("city", "Berlin"), "idx_fitness_classes_city_key_datetime"),
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
                        SELECT id FROM users WHERE search_key(display_name) COLLATE "C" LIKE search_key('Dan%')
                        ORDER BY search_key(display_name) COLLATE "C", id LIMIT 21""", Map.of(), "idx_users_name_key"),
                new Shape("login by email", "SELECT id FROM users WHERE email = :e", Map.of("e", "a@b.c"), "uq_users_email"),
                new Shape("newest users", "SELECT id FROM users ORDER BY created_at DESC LIMIT 20", Map.of(),
                        "idx_users_created_at"),
                new Shape("whom a user follows", "SELECT following_id FROM follows WHERE follower_id = :u",
                        Map.of("u", 1L), "idx_follows_follower"),
                new Shape("followers of a user, newest first",
                        "SELECT id, follower_id FROM follows WHERE following_id = :u AND id < 1000 ORDER BY id DESC LIMIT 21",
                        Map.of("u", 1L), "idx_follows_following"),
                new Shape("a user's activity", "SELECT id FROM activities WHERE author_id = :u AND id < 1000 ORDER BY id DESC LIMIT 11",
                        Map.of("u", 1L), "idx_activities_author"),
                new Shape("a group's activity", "SELECT id FROM activities WHERE group_id = :g AND id < 1000 ORDER BY id DESC LIMIT 11",
                        Map.of("g", 1L), "idx_activities_group"),
                new Shape("feed merge of celebrities and groups", """
                        SELECT id FROM activities WHERE (author_id = ANY('{1,2}'::bigint[]) OR group_id = ANY('{3}'::bigint[]))
                          AND id < 1000 ORDER BY id DESC LIMIT 11""", Map.of(), "idx_activities_"),
                new Shape("members of a group", "SELECT id, user_id FROM group_members WHERE group_id = :g AND id > 0 ORDER BY id LIMIT 21",
                        Map.of("g", 1L), "idx_group_members_group"),
                new Shape("messages of a conversation", """
                        SELECT id FROM messages WHERE conversation_id = :c ORDER BY sent_at DESC, id DESC LIMIT 11""",
                        Map.of("c", 1L), "idx_messages_conversation_sent"),
                new Shape("my conversations by recency", """
                        SELECT conversation_id FROM conversation_participants WHERE user_id = :u
                        ORDER BY last_message_at DESC, conversation_id DESC LIMIT 11""", Map.of("u", 1L),
                        "idx_participants_user_recent"),
                new Shape("my notifications", "SELECT id FROM notifications WHERE user_id = :u ORDER BY id DESC LIMIT 11",
                        Map.of("u", 1L), "idx_notifications_user"),
                new Shape("partners near a point", """
                        SELECT id FROM users WHERE latitude BETWEEN 52 AND 53 AND longitude BETWEEN 13 AND 14
                          AND latitude IS NOT NULL AND longitude IS NOT NULL LIMIT 300""", Map.of(), "idx_users_location"),
                new Shape("partners in a city", "SELECT id FROM users WHERE search_key(city) = search_key('Berlin') ORDER BY id DESC LIMIT 300",
                        Map.of(), "idx_users_city_key"),
                new Shape("partners sharing an interest", "SELECT id FROM users WHERE interests && '{yoga}'::text[] LIMIT 300",
                        Map.of(), "idx_users_interests"));
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
