package app.fitsocial.identity;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.fitsocial.ConnectionsPerThread;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cache hit answers before any transaction begins: it takes no database connection, which is
 * what keeps the pool free for the requests that need it.
 */
class CachedReadsTakeNoConnectionIntegrationTests extends IntegrationTestSupport {

    @Autowired
    private PublicProfiles profiles;

    @Autowired
    private UserDirectory directory;

    @Test
    void aProfileCacheHitTakesNoConnection() {
        TestUser user = newUser();
        TestUser other = newUser();

        ConnectionsPerThread.reset();
        assertThat(profiles.of(user.id())).extracting(read -> read.value().id()).isEqualTo(user.id());
        assertThat(ConnectionsPerThread.taken()).as("the miss reads PostgreSQL").isEqualTo(1);

        ConnectionsPerThread.reset();
        assertThat(profiles.of(user.id())).extracting(read -> read.value().id()).isEqualTo(user.id());
        assertThat(directory.summaries(List.of(user.id()))).containsKey(user.id());
        assertThat(ConnectionsPerThread.taken()).as("hits take no connection").isZero();

        ConnectionsPerThread.reset();
        assertThat(directory.summaries(List.of(user.id(), other.id()))).containsKeys(user.id(), other.id());
        assertThat(ConnectionsPerThread.taken()).as("only the missing profile is read").isEqualTo(1);
    }
}
