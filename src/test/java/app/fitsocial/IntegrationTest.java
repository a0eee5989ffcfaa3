package app.fitsocial;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import app.fitsocial.platform.embedded.EmbeddedServicesConfiguration;

/**
 * The one context configuration of the integration tests: the whole service on a random port,
 * on embedded PostgreSQL and Redis unless {@code DATABASE_URL} / {@code REDIS_URL} name real ones.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "fitsocial.feed.celebrity-threshold=5", "fitsocial.observability.sql-count-header=true",
                // the tests' own client (loopback) gets high limits and may name other client addresses,
                // which is how the rate limit tests get buckets with the real limits
                "fitsocial.web.trusted-proxies=127.0.0.1/32,::1/128",
                "fitsocial.rate-limit.raised[0].name=tests", "fitsocial.rate-limit.raised[0].addresses=127.0.0.1/32,::1/128",
                "fitsocial.rate-limit.raised[0].factor=1000",
                // below the auth routes' 5 per minute per address, so the login throttle's own rules bind first
                "fitsocial.rate-limit.login-per-client.capacity=4", "fitsocial.rate-limit.login-per-account.capacity=12",
                // these jobs are run by the tests that check them, never behind the others' backs
                "fitsocial.jobs.feed-regeneration-interval=-", "fitsocial.jobs.notification-delivery-interval=-",
                "fitsocial.jobs.booking-reminders-interval=-", "fitsocial.jobs.followers-count-folding-interval=-",
                "fitsocial.observability.slow-query.threshold=500ms",
                "fitsocial.web.cors.allowed-origins=https://app.fitsocial.example",
                // the benchmark's ceiling endpoint, so the conventions tests cover it too
                "fitsocial.web.hello-endpoint=true" })
@Import({ EmbeddedServicesConfiguration.class, ConnectionsPerThread.class })
public @interface IntegrationTest {
}
