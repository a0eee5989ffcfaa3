package app.fitsocial.platform.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import app.fitsocial.AnotherInstance;
import app.fitsocial.ApiClient;
import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personalised answers never cross users, whatever cache level serves them: many users read their
 * own data at the same time through two instances (so through each instance's near cache and the
 * shared Redis cache), and each answer is checked against its caller. A client that sends
 * another user's ETag never gets a 304 for it.
 */
class CacheIsolationIntegrationTests extends IntegrationTestSupport {

    @Test
    void concurrentReadersOnTwoInstancesOnlyEverSeeTheirOwnData() throws Exception {
        TestUser author = newUser();
        long shared = postActivity(author, "liked by half of the readers");
        List<TestUser> readers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            TestUser reader = newUser();
            readers.add(reader);
            follow(reader, author);
            postActivity(reader, "own post of " + reader.id());
            if (i % 2 == 0) {
                assertThat(api().post("/api/v1/social/activity/" + shared + "/likes", reader.token(), null).status())
                        .isEqualTo(204);
            }
            // everyone messages the author: each reader's conversation list holds only their own conversation
            assertThat(api().post("/api/v1/messages/send", reader.token(),
                    Map.of("recipientId", author.id(), "body", "from " + reader.id())).status()).isEqualTo(201);
        }
        try (ConfigurableApplicationContext second = AnotherInstance.start(
                "--fitsocial.rate-limit.raised[0].name=tests", "--fitsocial.rate-limit.raised[0].addresses=127.0.0.1/32,::1/128")) {
            List<ApiClient> instances = List.of(api(), new ApiClient(AnotherInstance.port(second)));
            Queue<String> wrong = new ConcurrentLinkedQueue<>();
            List<Callable<Void>> reads = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                for (int i = 0; i < readers.size(); i++) {
                    TestUser reader = readers.get(i);
                    boolean likes = i % 2 == 0;
                    ApiClient client = instances.get((round + i) % 2);
                    reads.add(() -> {
                        check(wrong, reader, client, likes, shared);
                        return null;
                    });
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                for (Future<Void> read : pool.invokeAll(reads)) {
                    read.get();
                }
            }
            finally {
                pool.shutdown();
            }
            assertThat(wrong).isEmpty();
        }
    }

    private static void check(Queue<String> wrong, TestUser reader, ApiClient client, boolean likes, long shared) {
        JsonNode me = client.get("/api/v1/users/me", reader.token()).json();
        if (me.path("id").asLong() != reader.id() || !reader.email().equals(me.path("email").asString())) {
            wrong.add("users/me of " + reader.id() + ": " + me);
        }
        JsonNode activity = client.get("/api/v1/social/activity/" + shared, reader.token()).json();
        if (activity.path("likedByMe").asBoolean() != likes) {
            wrong.add("likedByMe of " + reader.id() + ": " + activity);
        }
        JsonNode feed = client.get("/api/v1/social/feed", reader.token()).json().path("items");
        for (JsonNode item : feed) {
            long authorId = item.path("author").path("id").asLong();
            String text = item.path("text").asString();
            if (text.startsWith("own post of ") && authorId != reader.id()) {
                wrong.add("feed of " + reader.id() + " holds " + text);
            }
            if (item.path("id").asLong() == shared && item.path("likedByMe").asBoolean() != likes) {
                wrong.add("feed likedByMe of " + reader.id() + ": " + item);
            }
        }
        if (feed.valueStream().noneMatch(item -> ("own post of " + reader.id()).equals(item.path("text").asString()))) {
            wrong.add("feed of " + reader.id() + " lacks their own post: " + feed);
        }
        for (JsonNode match : client.get("/api/v1/matches", reader.token()).json().path("items")) {
            if (match.path("user").path("id").asLong() == reader.id()) {
                wrong.add("matches of " + reader.id() + " suggest themselves");
            }
        }
        for (JsonNode conversation : client.get("/api/v1/conversations", reader.token()).json().path("items")) {
            if (conversation.path("participants").valueStream().noneMatch(p -> p.path("id").asLong() == reader.id())) {
                wrong.add("conversations of " + reader.id() + " hold " + conversation);
            }
        }
    }

    @Test
    void anotherUsersETagNeverEarnsA304() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        for (String path : List.of("/api/v1/users/me", "/api/v1/social/feed", "/api/v1/notifications", "/api/v1/matches",
                "/api/v1/conversations", "/api/v1/users/me/bookings")) {
            ApiResponse hers = api().get(path, alice.token());
            assertThat(hers.status()).as(path).isEqualTo(200);
            ApiResponse his = api().send(api().request(path, bob.token())
                    .header("If-None-Match", hers.header("ETag").orElseThrow()).GET());
            assertThat(his.status()).as(path + " with alice's ETag, as bob").isEqualTo(200);
        }
    }
}
