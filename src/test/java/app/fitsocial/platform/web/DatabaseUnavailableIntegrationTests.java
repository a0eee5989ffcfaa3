package app.fitsocial.platform.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With every pooled connection taken, requests that need the database fail fast with a 503
 * problem and {@code Retry-After} (after the pool's 2 s wait), never a 500, and the service
 * recovers as soon as connections return.
 */
class DatabaseUnavailableIntegrationTests extends IntegrationTestSupport {

    @Autowired
    private DataSource dataSource;

    @Test
    void answers503WhileThePoolIsExhaustedAndRecoversAfterwards() throws Exception {
        long classId = newClass(newProvider(null, "Nowhere"), inDays(2), 5);
        TestUser user = newUser();
        List<Connection> held = new ArrayList<>();
        try {
            while (true) {
                try {
                    held.add(dataSource.getConnection());
                }
                catch (SQLException poolExhausted) {
                    break;
                }
            }
            assertThat(held).isNotEmpty();

            long start = System.nanoTime();
            ApiResponse jpaRead = api().get("/api/v1/users/me", user.token());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertProblem(jpaRead, 503, "unavailable");
            assertThat(jpaRead.header("Retry-After")).hasValue("5");
            assertThat(millis).isLessThan(10_000);

            assertProblem(api().get("/api/v1/classes/" + classId, null), 503, "unavailable");
            assertProblem(api().post("/api/v1/classes/" + classId + "/bookings", user.token(), null), 503, "unavailable");
        }
        finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        assertThat(api().get("/api/v1/classes/" + classId, null).status()).isEqualTo(200);
        assertThat(api().post("/api/v1/classes/" + classId + "/bookings", user.token(), null).status()).isEqualTo(201);
    }
}
