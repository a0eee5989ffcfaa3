package app.fitsocial.identity;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.fitsocial.IntegrationTestSupport;
import app.fitsocial.platform.changes.ReadDependencies;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hit in the profile cache answers before any transaction begins: the request takes no
 * database connection, which is what keeps the pool free for the requests that need it. The
 * step a request runs before its first connection ({@link ReadDependencies}) tells whether one
 * was taken.
 */
class CachedReadsTakeNoConnectionIntegrationTests extends IntegrationTestSupport {

    @Autowired
    private PublicProfiles profiles;

    @Test
    void aProfileCacheHitTakesNoConnection() {
        TestUser user = newUser();
        AtomicInteger connections = new AtomicInteger();

        ReadDependencies.start(connections::incrementAndGet);
        try {
            profiles.of(user.id());
        }
        finally {
            ReadDependencies.stop();
        }
        assertThat(connections).as("the miss reads PostgreSQL").hasValue(1);

        connections.set(0);
        ReadDependencies.start(connections::incrementAndGet);
        try {
            assertThat(profiles.of(user.id())).isNotNull();
        }
        finally {
            ReadDependencies.stop();
        }
        assertThat(connections).as("the hit takes no connection").hasValue(0);
    }
}
