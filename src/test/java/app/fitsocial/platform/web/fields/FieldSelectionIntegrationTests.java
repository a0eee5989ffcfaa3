package app.fitsocial.platform.web.fields;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ?fields=} over real HTTP: selection, nesting, lists, ETags, and bad expressions. */
class FieldSelectionIntegrationTests extends IntegrationTestSupport {

    @Test
    void returnsOnlyTheSelectedFieldsOfAResource() {
        TestUser user = newUser();
        ApiResponse response = api().get("/api/v1/users/" + user.id() + "?fields=id,displayName", user.token());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().propertyNames()).containsExactly("id", "displayName");
        assertThat(response.json().path("id").asLong()).isEqualTo(user.id());
    }

    @Test
    void appliesToEachItemOfAListAndKeepsTheEnvelope() {
        TestUser author = newUser();
        for (int i = 0; i < 3; i++) {
            postActivity(author, "post " + i);
        }
        ApiResponse page = api().get("/api/v1/users/" + author.id() + "/activity?limit=2&fields=id,author(displayName)",
                author.token());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().propertyNames()).containsExactlyInAnyOrder("items", "nextCursor");
        assertThat(page.json().path("nextCursor").isString()).isTrue();
        assertThat(page.header("Link")).isPresent();
        page.json().path("items").forEach(item -> {
            assertThat(item.propertyNames()).containsExactly("id", "author");
            assertThat(item.path("author").propertyNames()).containsExactly("displayName");
        });
    }

    @org.springframework.beans.factory.annotation.Autowired
    private io.micrometer.core.instrument.MeterRegistry registry;

    @Test
    void skipsTheLookupsOfFieldsNobodyAskedFor() {
        TestUser author = newUser();
        postActivity(author, "counted");
        String path = "/api/v1/users/" + author.id() + "/activity";
        api().get(path, author.token());
        double profiles = lookups("user-profiles");
        double likes = lookups("likes");
        assertThat(api().get(path + "?fields=id,text", author.token()).status()).isEqualTo(200);
        assertThat(lookups("likes")).as("likedByMe was not asked for").isEqualTo(likes);
        assertThat(lookups("user-profiles")).as("only the user check, no author").isEqualTo(profiles + 1);
        assertThat(api().get(path, author.token()).status()).isEqualTo(200);
        assertThat(lookups("likes")).isEqualTo(likes + 1);
        assertThat(lookups("user-profiles")).as("the user check and the authors").isEqualTo(profiles + 3);
    }

    private double lookups(String cache) {
        return registry.find("cache.gets").tag("cache", cache).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    @Test
    void theSelectionIsPartOfTheTag() {
        TestUser user = newUser();
        String all = api().get("/api/v1/users/me", user.token()).header("ETag").orElseThrow();
        ApiResponse selected = api().get("/api/v1/users/me?fields=id", user.token());
        String some = selected.header("ETag").orElseThrow();
        assertThat(some).isNotEqualTo(all);
        assertThat(api().send(api().request("/api/v1/users/me?fields=id", user.token()).header("If-None-Match", some))
                .status()).isEqualTo(304);
        assertThat(api().send(api().request("/api/v1/users/me", user.token()).header("If-None-Match", some))
                .status()).isEqualTo(200);
    }

    @Test
    void rejectsUnknownFieldsAndSubFieldsOfPlainValuesBeforeDoingAnyWork() {
        TestUser user = newUser();
        ApiResponse unknown = api().get("/api/v1/users/" + user.id() + "?fields=id,email", user.token());
        assertFieldError(unknown, "fields");
        assertThat(unknown.json().path("detail").asString()).contains("unknown field 'email'");
        assertThat(unknown.header("X-Sql-Statements")).hasValue("0");

        ApiResponse nested = api().get("/api/v1/social/feed?fields=author(password)", user.token());
        assertFieldError(nested, "fields");
        assertThat(nested.json().path("detail").asString()).contains("author.password");

        assertFieldError(api().get("/api/v1/users/me?fields=displayName(first)", user.token()), "fields");
        // an empty page still knows its item type
        assertFieldError(api().get("/api/v1/notifications?fields=nope", user.token()), "fields");
        assertFieldError(api().get("/api/v1/users/me?fields=id&fields=email", user.token()), "fields");
    }

    @Test
    void malformedExpressionsAreProblemsNeverServerErrors() {
        TestUser user = newUser();
        Random random = new Random(42);
        String alphabet = "(),ab_ 1é\"\\%*";
        for (int i = 0; i < 150; i++) {
            StringBuilder garbage = new StringBuilder();
            int length = random.nextInt(12);
            for (int c = 0; c < length; c++) {
                garbage.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            ApiResponse response = api().get("/api/v1/users/me?fields="
                    + URLEncoder.encode(garbage.toString(), StandardCharsets.UTF_8), user.token());
            // no field of a profile is spelt with these characters, and an empty selection is refused too
            assertFieldError(response, "fields");
        }
        for (String bad : List.of("id,", "(id)", "id((x))", "a".repeat(1001))) {
            assertFieldError(api().get("/api/v1/users/me?fields=" + bad, user.token()), "fields");
        }
    }
}
