package app.fitsocial.reviews;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rating aggregation job against real PostgreSQL: its aggregates equal a direct SQL
 * computation, it recomputes only what changed, and an operator can trigger it.
 */
class RatingAggregationIntegrationTests extends IntegrationTestSupport {

    @Autowired
    private RatingAggregation aggregation;

    private long reviewedClass(long provider, int... stars) {
        long classId = newClass(provider, inDays(-2), 50);
        for (int rating : stars) {
            TestUser reviewer = newUser();
            attend(reviewer.id(), classId);
            assertThat(api().post("/api/v1/reviews", reviewer.token(), Map.of("classId", classId, "rating", rating))
                    .status()).isEqualTo(201);
        }
        return classId;
    }

    @Test
    void aggregatesEqualADirectComputationAndOnlyChangedOnesAreRecomputed() {
        long provider = newProvider(null, "Aggregateville");
        long first = reviewedClass(provider, 5, 4, 4, 1);
        long second = reviewedClass(provider, 3, 2);
        aggregation.run();

        for (long classId : new long[] {first, second}) {
            Map<String, Object> expected = jdbc.sql("""
                    SELECT count(*) AS count, round(avg(rating), 2) AS average,
                           count(*) FILTER (WHERE rating = 4) AS fours FROM reviews WHERE class_id = :c""")
                    .param("c", classId).query().singleRow();
            Map<String, Object> actual = jdbc.sql("""
                    SELECT count, average, count_4 AS fours FROM rating_aggregates
                    WHERE subject_type = 'CLASS' AND subject_id = :c""").param("c", classId).query().singleRow();
            assertThat(actual.get("count")).isEqualTo(expected.get("count"));
            assertThat(actual.get("average")).isEqualTo(expected.get("average"));
            assertThat(actual.get("fours")).isEqualTo(expected.get("fours"));
        }
        assertThat(jdbc.sql("SELECT count FROM rating_aggregates WHERE subject_type = 'PROVIDER' AND subject_id = :p")
                .param("p", provider).query(Long.class).single()).isEqualTo(6);

        aggregation.run();
        OffsetDateTime untouched = computedAt(second);
        TestUser late = newUser();
        attend(late.id(), first);
        assertThat(api().post("/api/v1/reviews", late.token(), Map.of("classId", first, "rating", 5)).status())
                .isEqualTo(201);
        assertThat(aggregation.run()).as("the class and its provider").isEqualTo(2);
        assertThat(computedAt(first)).isAfter(untouched);
        assertThat(computedAt(second)).as("an untouched aggregate keeps its time").isEqualTo(untouched);
        assertThat(api().get("/api/v1/classes/" + first + "/rating", null).json().path("count").asLong()).isEqualTo(5);
        assertThat(aggregation.run()).as("nothing changed since").isZero();
    }

    @Test
    void anAdministratorCanRunItNowOthersCannot() throws Exception {
        long classId = reviewedClass(newProvider(null, "Triggerville"), 2);
        assertProblem(api().post("/api/v1/admin/jobs/rating-aggregation", newUser().token(), null), 403, "forbidden");

        ApiResponse queued = api().post("/api/v1/admin/jobs/rating-aggregation", newUser("ADMIN").token(), null);
        assertThat(queued.status()).isEqualTo(202);
        assertThat(queued.json().path("jobId").asString()).isNotBlank();

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long count = 0;
        while (count == 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            count = api().get("/api/v1/classes/" + classId + "/rating", null).json().path("count").asLong();
        }
        assertThat(count).as("the queued run recomputed the class").isEqualTo(1);
    }

    @Test
    void runsEveryFifteenMinutesAsARecurringJob() {
        var recurring = jobs.getRecurringJobs().stream()
                .filter(job -> job.getId().equals(RatingAggregation.JOB_ID)).findFirst().orElseThrow();
        assertThat(recurring.getScheduleExpression()).isEqualTo("PT15M");
    }

    @Autowired
    private org.jobrunr.storage.StorageProvider jobs;

    private OffsetDateTime computedAt(long classId) {
        return jdbc.sql("SELECT computed_at FROM rating_aggregates WHERE subject_type = 'CLASS' AND subject_id = :c")
                .param("c", classId).query(OffsetDateTime.class).single();
    }
}
