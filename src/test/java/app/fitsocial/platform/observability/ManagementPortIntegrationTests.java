package app.fitsocial.platform.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import app.fitsocial.AnotherInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In the {@code prod} profile the actuator answers on the management port only; liveness and
 * readiness stay reachable on the public port as {@code /livez} and {@code /readyz}.
 */
class ManagementPortIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void prodServesTheActuatorOnTheManagementPortAndProbesOnBoth() throws Exception {
        // port 0: the management server binds a free port itself, no window for another process
        try (ConfigurableApplicationContext prod = AnotherInstance.start("--spring.profiles.active=prod",
                "--management.server.port=0",
                "--fitsocial.security.jwt-secret=" + "management-port-test-secret-".repeat(3))) {
            int port = AnotherInstance.port(prod);
            int management = prod.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
            assertThat(status(port, "/actuator/prometheus")).as("scrape on the public port").isEqualTo(404);
            assertThat(status(port, "/actuator/health")).as("health on the public port").isEqualTo(404);
            assertThat(status(port, "/livez")).isEqualTo(200);
            assertThat(status(port, "/readyz")).isEqualTo(200);
            assertThat(status(port, "/api/v1/classes")).isEqualTo(200);

            assertThat(status(management, "/actuator/prometheus")).isEqualTo(200);
            assertThat(status(management, "/actuator/health/liveness")).isEqualTo(200);
            assertThat(status(management, "/actuator/health/readiness")).isEqualTo(200);
            assertThat(status(management, "/api/v1/classes")).as("the API is not on the management port").isEqualTo(404);
        }
    }

    private static int status(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
