package app.fitsocial.platform.changes;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which tables a statement reads and writes, for the statement shapes the service uses. */
class SqlTableNamesTests {

    private static final Set<String> TABLES = Set.of("users", "follows", "activities", "activity_likes",
            "fitness_classes", "bookings", "rating_aggregates", "reviews");

    @Test
    void aSelectReadsEveryTableItMentionsAndWritesNone() {
        var access = SqlTableNames.parse("""
                SELECT a.id FROM activities a JOIN users u ON u.id = a.author_id, follows f
                WHERE f.follower_id = ? FOR UPDATE SKIP LOCKED""", TABLES);
        assertThat(access.read()).containsExactlyInAnyOrder("activities", "users", "follows");
        assertThat(access.written()).isEmpty();
    }

    @Test
    void findsTheTargetsOfEveryKindOfWrite() {
        assertThat(SqlTableNames.parse("insert into activity_likes (activity_id, user_id) values (?, ?) "
                + "on conflict do nothing", TABLES).written()).containsExactly("activity_likes");
        assertThat(SqlTableNames.parse("UPDATE fitness_classes SET booked_count = booked_count + 1 WHERE id = ?",
                TABLES).written()).containsExactly("fitness_classes");
        assertThat(SqlTableNames.parse("delete from follows where follower_id=? and following_id=?", TABLES).written())
                .containsExactly("follows");
        assertThat(SqlTableNames.parse("""
                INSERT INTO rating_aggregates (subject_type, subject_id, average)
                SELECT 'CLASS', class_id, avg(rating) FROM reviews GROUP BY class_id
                ON CONFLICT (subject_type, subject_id) DO UPDATE SET average = EXCLUDED.average""", TABLES).written())
                .containsExactly("rating_aggregates");
        assertThat(SqlTableNames.parse("""
                WITH booked AS (UPDATE fitness_classes SET booked_count = booked_count + 1 WHERE id = ? RETURNING id)
                INSERT INTO bookings (user_id, class_id) SELECT ?, id FROM booked""", TABLES).written())
                .containsExactlyInAnyOrder("fitness_classes", "bookings");
        assertThat(SqlTableNames.parse("update \"public\".\"users\" set bio=? where id=?", TABLES).written())
                .containsExactly("users");
    }

    @Test
    void ignoresNamesThatAreNotTables() {
        var access = SqlTableNames.parse("SELECT extract(epoch from created_at) FROM generate_series(1, 3)", TABLES);
        assertThat(access.read()).isEmpty();
        assertThat(access.written()).isEmpty();
    }
}
