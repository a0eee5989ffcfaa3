package app.fitsocial.platform.web;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every GET endpoint of the OpenAPI document and checks the HTTP conventions on each:
 * an ETag and a 304 for it, gzip exactly when the body is over 1 KiB, and {@code ?fields=}.
 * An endpoint this test cannot fill in fails it, so new endpoints are walked too.
 */
class OpenApiConventionsIntegrationTests extends IntegrationTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyGetEndpointFollowsTheConventions() {
        World world = buildWorld();
        JsonNode paths = api().get("/v3/api-docs", null).json().path("paths");
        List<String> walked = new ArrayList<>();
        for (String template : paths.propertyNames()) {
            if (!template.startsWith("/api/v1/") || !paths.path(template).has("get")) {
                continue;
            }
            String path = world.fill(template);
            checkConventions(path, world.viewer.token());
            walked.add(template);
        }
        assertThat(walked).hasSizeGreaterThanOrEqualTo(25);
    }

    private void checkConventions(String path, String token) {
        HttpResponse<byte[]> plain = api().sendForBytes(api().request(path, token));
        assertThat(plain.statusCode()).as(path).isEqualTo(200);
        String etag = plain.headers().firstValue("ETag").orElseThrow(() -> new AssertionError(path + " has no ETag"));
        assertThat(etag).as(path).startsWith("W/\"");

        ApiResponse notModified = api().send(api().request(path, token).header("If-None-Match", etag));
        assertThat(notModified.status()).as(path + " revalidated").isEqualTo(304);
        assertThat(notModified.body()).isEmpty();

        HttpResponse<byte[]> zipped = api().sendForBytes(api().request(path, token).header("Accept-Encoding", "gzip"));
        if (plain.body().length > 1024) {
            assertThat(zipped.headers().firstValue("Content-Encoding")).as(path + " (" + plain.body().length + " bytes)")
                    .hasValue("gzip");
            assertThat(HttpCompressionIntegrationTests.gunzip(zipped.body())).isEqualTo(plain.body());
        }
        else {
            assertThat(zipped.headers().firstValue("Content-Encoding")).as(path).isEmpty();
        }

        JsonNode body = JSON.readTree(plain.body());
        boolean list = body.has("items") && body.has("nextCursor");
        JsonNode sample = list ? body.path("items").path(0) : body;
        assertThat(sample.isObject()).as(path + " has an item to select fields of").isTrue();
        String field = sample.propertyNames().iterator().next();
        ApiResponse selected = api().get(path + (path.contains("?") ? "&" : "?") + "fields=" + field, token);
        assertThat(selected.status()).as(path + " with fields=" + field).isEqualTo(200);
        JsonNode selectedSample = list ? selected.json().path("items").path(0) : selected.json();
        assertThat(selectedSample.propertyNames()).as(path + " with fields=" + field).containsExactly(field);
        if (list) {
            assertThat(selected.json().propertyNames()).containsExactlyInAnyOrder("items", "nextCursor");
        }
        assertThat(selected.header("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));
        assertFieldError(api().get(path + (path.contains("?") ? "&" : "?") + "fields=noSuchField", token), "fields");
    }

    /** One user who has something in every list: follows, posts, a group, messages, a review, bookings. */
    private World buildWorld() {
        TestUser viewer = newUser();
        TestUser friend = newUser();
        follow(viewer, friend);
        follow(friend, viewer);
        long activity = postActivity(friend, "walked by the conventions test");
        assertThat(api().post("/api/v1/social/activity/" + activity + "/comments", viewer.token(),
                Map.of("text", "nice")).status()).isEqualTo(201);
        long group = api().post("/api/v1/groups", viewer.token(), Map.of("name", unique("Walkers"))).json().path("id").asLong();
        postActivity(viewer, Map.of("type", "POST", "text", "in the group", "groupId", group));
        long conversation = api().post("/api/v1/messages/send", viewer.token(),
                Map.of("recipientId", friend.id(), "body", "hi")).json().path("conversationId").asLong();
        String city = unique("Walktown");
        long provider = newProvider(null, city);
        long pastClass = newClass(provider, inDays(-2), 10, "HIIT", city);
        attend(viewer.id(), pastClass);
        long review = api().post("/api/v1/reviews", viewer.token(), Map.of("classId", pastClass, "rating", 5))
                .json().path("id").asLong();
        long upcoming = newClass(provider, inDays(2), 10, "YOGA", city);
        assertThat(api().post("/api/v1/classes/" + upcoming + "/bookings", viewer.token(), null).status()).isEqualTo(201);

        String interest = unique("orienteering");
        TestUser partner = newUser();
        for (TestUser user : List.of(viewer, partner)) {
            assertThat(api().patch("/api/v1/users/me", user.token(), Map.of("interests", List.of(interest))).status())
                    .isEqualTo(200);
        }

        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("/api/v1/users/{id}", "/api/v1/users/" + friend.id());
        ids.put("/api/v1/social/activity/{id}", "/api/v1/social/activity/" + activity);
        ids.put("/api/v1/groups/{id}", "/api/v1/groups/" + group);
        ids.put("/api/v1/classes/{id}", "/api/v1/classes/" + pastClass);
        ids.put("/api/v1/providers/{id}", "/api/v1/providers/" + provider);
        ids.put("/api/v1/reviews/{id}", "/api/v1/reviews/" + review);
        ids.put("/api/v1/conversations/{id}", "/api/v1/conversations/" + conversation);
        Map<String, String> queries = Map.of(
                "/api/v1/users", "q=Tester",
                "/api/v1/reviews", "classId=" + pastClass,
                "/api/v1/classes", "city=" + city + "&from=" + inDays(-3));
        return new World(viewer, ids, queries);
    }

    private record World(TestUser viewer, Map<String, String> ids, Map<String, String> queries) {

        String fill(String template) {
            String path = template;
            for (var id : ids.entrySet()) {
                if (path.startsWith(id.getKey())) {
                    path = id.getValue() + path.substring(id.getKey().length());
                }
            }
            assertThat(path).as("a value for every parameter of " + template).doesNotContain("{");
            String query = queries.get(template);
            return query == null ? path : path + "?" + query;
        }
    }
}
