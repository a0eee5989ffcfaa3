package app.fitsocial;

import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lists cost a fixed number of SQL statements whatever their page size: no N+1 anywhere.
 * Statements are counted by datasource-proxy around the real connection pool, per request.
 */
class QueryCountIntegrationTests extends IntegrationTestSupport {

    private long statementsOf(Supplier<ApiResponse> request) {
        return sqlStatementsOf(request.get());
    }

    @Test
    void classListingIsOneStatementWhateverThePageSize() {
        long provider = newProvider(null, "Lyon");
        for (int i = 0; i < 30; i++) {
            newClass(provider, inDays(1 + i % 5), 10);
        }
        long small = statementsOf(() -> api().get("/api/v1/classes?provider=" + provider + "&limit=2", null));
        long large = statementsOf(() -> api().get("/api/v1/classes?provider=" + provider + "&limit=30", null));
        assertThat(small).isEqualTo(large).isEqualTo(1);
    }

    @Test
    void classDetailIsOneStatement() {
        long classId = newClass(newProvider(null, "Lyon"), inDays(2), 10);
        assertThat(statementsOf(() -> api().get("/api/v1/classes/" + classId, null))).isEqualTo(1);
    }

    @Test
    void reviewListingIsAtMostTwoStatementsWhateverThePageSize() {
        long provider = newProvider(null, "Lyon");
        long classId = newClass(provider, inDays(-1), 50);
        for (int i = 0; i < 25; i++) {
            TestUser user = newUser();
            attend(user.id(), classId);
            jdbc.sql("INSERT INTO reviews (user_id, class_id, provider_id, rating, text) VALUES (:u, :c, :p, 4, 'ok')")
                    .param("u", user.id()).param("c", classId).param("p", provider).update();
        }
        String token = newUser().token();
        long small = statementsOf(() -> api().get("/api/v1/reviews?classId=" + classId + "&limit=2", token));
        long large = statementsOf(() -> api().get("/api/v1/reviews?classId=" + classId + "&limit=25", token));
        long byProvider = statementsOf(() -> api().get("/api/v1/reviews?providerId=" + provider + "&limit=25", token));
        // one for the page of reviews, one for all of its authors the profile cache did not have yet
        assertThat(small).isEqualTo(large).isEqualTo(2);
        assertThat(byProvider).as("every author is cached by now").isEqualTo(1);
    }

    @Test
    void bookingListingIsOneStatementWhateverThePageSize() {
        long provider = newProvider(null, "Lyon");
        TestUser user = newUser();
        for (int i = 0; i < 12; i++) {
            attend(user.id(), newClass(provider, inDays(1 + i), 10));
        }
        long small = statementsOf(() -> api().get("/api/v1/users/me/bookings?limit=1", user.token()));
        long large = statementsOf(() -> api().get("/api/v1/users/me/bookings?limit=12", user.token()));
        assertThat(small).isEqualTo(large).isEqualTo(1);
    }
}
