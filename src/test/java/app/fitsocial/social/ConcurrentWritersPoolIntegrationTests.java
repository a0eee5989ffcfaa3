package app.fitsocial.social;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import app.fitsocial.AnotherInstance;
import app.fitsocial.ApiClient;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writers never wait for a second database connection while holding their first: on an
 * instance with a pool of two connections, twelve concurrent posts (each fanned out after its
 * commit) all succeed. When the fan-out ran as a recorded transactional event listener, each
 * writer needed another connection for the record while keeping its own, and writers holding
 * the whole pool timed out waiting for one another (503).
 */
class ConcurrentWritersPoolIntegrationTests extends IntegrationTestSupport {

    @Test
    void concurrentPostsOnATinyPoolAllSucceed() throws Exception {
        try (ConfigurableApplicationContext instance = AnotherInstance.start("--DATABASE_POOL_SIZE=2",
                "--fitsocial.rate-limit.raised[0].name=tests",
                "--fitsocial.rate-limit.raised[0].addresses=127.0.0.1/32,::1/128")) {
            ApiClient client = new ApiClient(AnotherInstance.port(instance));
            TestUser reader = newUser();
            List<TestUser> authors = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                TestUser author = newUser();
                follow(reader, author);
                authors.add(author);
            }
            client.get("/api/v1/social/feed", reader.token());

            ExecutorService writers = Executors.newFixedThreadPool(12);
            try {
                List<Future<Integer>> posts = new ArrayList<>();
                for (TestUser author : authors) {
                    posts.add(writers.submit(() -> client.post("/api/v1/social/activity", author.token(),
                            Map.of("type", "POST", "text", "at the same time")).status()));
                }
                for (Future<Integer> post : posts) {
                    assertThat(post.get()).isEqualTo(201);
                }
            }
            finally {
                writers.shutdownNow();
            }
            assertThat(client.get("/api/v1/social/feed?limit=20", reader.token()).json().path("items")).hasSize(12);
        }
    }
}
