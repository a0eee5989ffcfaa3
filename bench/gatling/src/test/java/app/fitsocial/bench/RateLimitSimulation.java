package app.fitsocial.bench;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

/**
 * Proves that the limits hold for ordinary clients while the benchmark's own client is raised:
 * from a forwarded address that is not raised (the service must trust the loopback proxy,
 * {@code TRUSTED_PROXIES=127.0.0.1/32}), six wrong logins in a row get five 401s and
 * then a 429 with {@code Retry-After}.
 * <p>
 * System property {@code bench.baseUrl} (http://localhost:8080).
 */
public class RateLimitSimulation extends Simulation {

    private static final String BASE_URL = System.getProperty("bench.baseUrl", "http://localhost:8080");
    private static final String ADDRESS = "203.0.113." + (1 + (System.currentTimeMillis() / 1000) % 250);
    /** An account of its own per run, so that the per-account login throttle never answers first. */
    private static final String LOGIN = "{\"email\":\"nobody-" + System.currentTimeMillis()
            + "@bench.fitsocial.app\",\"password\":\"not the password\"}";

    private final HttpProtocolBuilder protocol = http.baseUrl(BASE_URL).contentTypeHeader("application/json")
            .acceptHeader("application/json").header("X-Forwarded-For", ADDRESS);

    private final ScenarioBuilder logins = scenario("limited client")
            .repeat(5).on(exec(http("login within the limit").post("/api/v1/auth/login")
                    .body(StringBody(LOGIN))
                    .check(status().is(401))))
            .exec(http("login over the limit").post("/api/v1/auth/login")
                    .body(StringBody(LOGIN))
                    .check(status().is(429), header("Retry-After").exists()));

    {
        setUp(logins.injectOpen(atOnceUsers(1))).protocols(protocol)
                .assertions(details("login over the limit").successfulRequests().percent().is(100.0),
                        details("login within the limit").successfulRequests().percent().is(100.0));
    }
}
