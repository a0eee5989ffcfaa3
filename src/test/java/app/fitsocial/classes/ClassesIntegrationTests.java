package app.fitsocial.classes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

class ClassesIntegrationTests extends IntegrationTestSupport {

    private List<Long> ids(ApiResponse response) {
        List<Long> ids = new ArrayList<>();
        response.json().path("items").forEach(item -> ids.add(item.path("id").asLong()));
        return ids;
    }

    @Test
    void listsClassesOfAProviderInTimeOrderWithoutAToken() {
        long provider = newProvider(null, "Porto");
        long later = newClass(provider, inDays(3), 10);
        long sooner = newClass(provider, inDays(1), 10);
        long past = newClass(provider, inDays(-1), 10);

        ApiResponse response = api().get("/api/v1/classes?provider=" + provider, null);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(ids(response)).containsExactly(sooner, later).doesNotContain(past);
        var first = response.json().path("items").get(0);
        assertThat(first.path("provider").path("id").asLong()).isEqualTo(provider);
        assertThat(first.path("provider").path("name").asString()).startsWith("Studio");
        assertThat(first.path("spotsLeft").asInt()).isEqualTo(10);
        assertThat(first.path("datetime").asString()).endsWith("Z");
        assertThat(response.json().path("nextCursor").isNull()).isTrue();
    }

    @Test
    void filtersByTimeWindowTypeAndCity() {
        long provider = newProvider(null, "Gdansk");
        long yoga = newClass(provider, inDays(2), 10, "YOGA", "Gdansk");
        long hiitElsewhere = newClass(provider, inDays(2), 10, "HIIT", "Sopot");
        long farYoga = newClass(provider, inDays(20), 10, "YOGA", "Gdansk");

        String window = "&from=" + inDays(1) + "&to=" + inDays(10);
        assertThat(ids(api().get("/api/v1/classes?provider=" + provider + window, null)))
                .containsExactlyInAnyOrder(yoga, hiitElsewhere);
        assertThat(ids(api().get("/api/v1/classes?provider=" + provider + "&type=YOGA", null)))
                .containsExactly(yoga, farYoga);
        assertThat(ids(api().get("/api/v1/classes?provider=" + provider + "&city=sopot", null)))
                .containsExactly(hiitElsewhere);
    }

    @Test
    void pagesThroughClassesWithCursorsAndLinkHeaders() {
        long provider = newProvider(null, "Riga");
        Instant time = inDays(4);
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add(newClass(provider, time, 10)); // same time: the id breaks the tie
        }
        List<Long> seen = new ArrayList<>();
        String path = "/api/v1/classes?provider=" + provider + "&limit=2";
        int pages = 0;
        while (path != null) {
            ApiResponse page = api().get(path, null);
            assertThat(page.status()).isEqualTo(200);
            seen.addAll(ids(page));
            pages++;
            String cursor = page.json().path("nextCursor").isNull() ? null : page.json().path("nextCursor").asString();
            if (cursor != null) {
                String link = page.header("Link").orElseThrow();
                assertThat(link).endsWith("; rel=\"next\"").contains("cursor=" + cursor).contains("limit=2");
                path = link.substring(link.indexOf("/api/v1/"), link.indexOf('>'));
            }
            else {
                assertThat(page.header("Link")).isEmpty();
                path = null;
            }
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void rejectsBadListingParameters() {
        assertFieldError(api().get("/api/v1/classes?type=JUGGLING", null), "type");
        assertFieldError(api().get("/api/v1/classes?from=yesterday", null), "from");
        assertFieldError(api().get("/api/v1/classes?provider=abc", null), "provider");
        assertFieldError(api().get("/api/v1/classes?limit=0", null), "limit");
        assertFieldError(api().get("/api/v1/classes?limit=101", null), "limit");
        assertFieldError(api().get("/api/v1/classes?cursor=%25%25%25", null), "cursor");
        assertFieldError(api().get("/api/v1/classes?cursor=MXxzfHh4eA", null), "cursor");
        assertProblem(api().get("/api/v1/classes?from=" + inDays(5) + "&to=" + inDays(1), null), 400,
                "invalid-request");
    }

    @Test
    void showsAClassWithItsSpotsLeft() {
        long provider = newProvider(null, "Oslo");
        long classId = newClass(provider, inDays(2), 3);
        attend(newUser().id(), classId);

        ApiResponse response = api().get("/api/v1/classes/" + classId, null);
        assertThat(response.status()).isEqualTo(200);
        var body = response.json();
        assertThat(body.path("capacity").asInt()).isEqualTo(3);
        assertThat(body.path("spotsLeft").asInt()).isEqualTo(2);
        assertThat(body.path("durationMinutes").asInt()).isEqualTo(60);
        assertThat(body.path("city").asString()).isEqualTo("Testville");
        assertThat(body.path("ratingCount").asLong()).isZero();
        assertThat(body.has("ratingAverage")).isTrue();
    }

    @Test
    void unknownClassIsNotFound() {
        assertProblem(api().get("/api/v1/classes/987654321", null), 404, "not-found");
    }

    private Map<String, Object> newClassBody(Long providerId) {
        var body = new java.util.HashMap<String, Object>(Map.of("title", "Evening Flow", "type", "YOGA",
                "datetime", inDays(3).toString(), "durationMinutes", 60, "capacity", 15));
        if (providerId != null) {
            body.put("providerId", providerId);
        }
        return body;
    }

    @Test
    void providerPublishesAClassForTheStudioTheyManage() {
        TestUser owner = newUser("PROVIDER");
        long provider = newProvider(owner.id(), "Vienna");

        ApiResponse response = api().post("/api/v1/classes", owner.token(), newClassBody(null));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        long id = response.json().path("id").asLong();
        assertThat(response.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/classes/" + id));
        assertThat(response.json().path("provider").path("id").asLong()).isEqualTo(provider);
        assertThat(response.json().path("city").asString()).isEqualTo("Vienna");
        assertThat(response.json().path("spotsLeft").asInt()).isEqualTo(15);
        assertThat(api().get("/api/v1/classes/" + id, null).status()).isEqualTo(200);
    }

    @Test
    void onlyProvidersMayPublishClasses() {
        long provider = newProvider(null, "Vienna");
        assertProblem(api().post("/api/v1/classes", newUser().token(), newClassBody(provider)), 403, "forbidden");
        assertProblem(api().post("/api/v1/classes", null, newClassBody(provider)), 401, "unauthorized");
    }

    @Test
    void aProviderCannotPublishForAnotherStudio() {
        TestUser owner = newUser("PROVIDER");
        newProvider(owner.id(), "Vienna");
        long someoneElses = newProvider(null, "Graz");
        assertProblem(api().post("/api/v1/classes", owner.token(), newClassBody(someoneElses)), 403, "forbidden");
        assertProblem(api().post("/api/v1/classes", owner.token(), newClassBody(99999999L)), 404, "not-found");
    }

    @Test
    void anAdminMayPublishForAnyStudio() {
        long provider = newProvider(null, "Graz");
        ApiResponse response = api().post("/api/v1/classes", newUser("ADMIN").token(), newClassBody(provider));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    @Test
    void rejectsInvalidNewClasses() {
        TestUser owner = newUser("PROVIDER");
        newProvider(owner.id(), "Vienna");
        var body = newClassBody(null);
        body.put("capacity", 0);
        body.put("durationMinutes", 5000);
        body.put("datetime", inDays(-1).toString());
        body.put("title", "t".repeat(121));
        ApiResponse response = api().post("/api/v1/classes", owner.token(), body);
        assertFieldError(response, "capacity");
        assertFieldError(response, "durationMinutes");
        assertFieldError(response, "datetime");
        assertFieldError(response, "title");

        var wrongType = newClassBody(null);
        wrongType.put("type", "JUGGLING");
        assertFieldError(api().post("/api/v1/classes", owner.token(), wrongType), "type");
        var badTime = newClassBody(null);
        badTime.put("datetime", "tomorrow");
        assertFieldError(api().post("/api/v1/classes", owner.token(), badTime), "datetime");
    }

    @Test
    void aProviderWithoutAStudioMustNameOne() {
        assertFieldError(api().post("/api/v1/classes", newUser("PROVIDER").token(), newClassBody(null)), "providerId");
    }

    @Test
    void listsAndShowsProviders() {
        long provider = newProvider(null, "Tallinn");
        ApiResponse detail = api().get("/api/v1/providers/" + provider, null);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.json().path("city").asString()).isEqualTo("Tallinn");
        assertThat(detail.json().path("ratingCount").asLong()).isZero();

        ApiResponse list = api().get("/api/v1/providers?city=tallinn&limit=100", null);
        assertThat(ids(list)).contains(provider);
        assertProblem(api().get("/api/v1/providers/87654321", null), 404, "not-found");
        assertFieldError(api().get("/api/v1/providers?cursor=bogus", null), "cursor");
    }
}
