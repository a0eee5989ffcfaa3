package app.fitsocial.identity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names and cities are found however they were typed: Unicode NFC on write and on query
 * ("Renée" with a combining accent equals the composed one), Unicode lower case, ß as ss
 * ("STRASSE" finds "Straße"), for user and group search and the city filter.
 */
class SearchKeysIntegrationTests extends IntegrationTestSupport {

    private static final String COMPOSED = "Ren\u00e9e";
    private static final String DECOMPOSED = "Rene\u0301e";

    private List<String> names(ApiResponse response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        response.json().path("items").forEach(item -> names.add(item.path(field).asString()));
        return names;
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void aNameTypedDecomposedIsStoredComposedAndFoundEitherWay() {
        String tag = unique("x").replace("-", "");
        TestUser user = newUser();
        assertThat(api().patch("/api/v1/users/me", user.token(), Map.of("displayName", DECOMPOSED + " " + tag)).status())
                .isEqualTo(200);
        assertThat(jdbc.sql("SELECT display_name FROM users WHERE id = :id").param("id", user.id()).query(String.class)
                .single()).isEqualTo(COMPOSED + " " + tag);
        for (String typed : List.of(COMPOSED, DECOMPOSED, "RENÉE", "rene\u0301e")) {
            assertThat(names(api().get("/api/v1/users?q=" + q(typed + " " + tag), user.token()), "displayName"))
                    .as(typed).containsExactly(COMPOSED + " " + tag);
        }
    }

    @Test
    void sharpSIsFoundAsSsAndPagesFollowTheSameKey() {
        String tag = unique("s").replace("-", "");
        TestUser user = newUser();
        List<String> created = List.of("Straße " + tag + " a", "STRASSE " + tag + " b", "strasse " + tag + " c");
        for (String name : created) {
            TestUser owner = newUser();
            api().patch("/api/v1/users/me", owner.token(), Map.of("displayName", name));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            ApiResponse page = api().get("/api/v1/users?limit=1&q=" + q("strasse " + tag)
                    + (cursor == null ? "" : "&cursor=" + cursor), user.token());
            seen.addAll(names(page, "displayName"));
            cursor = page.json().path("nextCursor").isNull() ? null : page.json().path("nextCursor").asString();
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(created);
        assertThat(names(api().get("/api/v1/users?q=" + q("STRAẞE " + tag), user.token()), "displayName")).hasSize(3);
    }

    @Test
    void groupNamesAndCitiesFollowTheSameKeys() {
        String tag = unique("g").replace("-", "");
        TestUser user = newUser();
        api().post("/api/v1/groups", user.token(), Map.of("name", "Caf\u0065\u0301 " + tag));
        assertThat(names(api().get("/api/v1/groups?q=" + q("CAFÉ " + tag), user.token()), "name"))
                .containsExactly("Café " + tag);

        String city = "Gie\u00dfen" + tag;
        long provider = newProvider(null, city);
        newClass(provider, inDays(2), 10, "YOGA", city);
        assertThat(api().get("/api/v1/classes?city=" + q("GIESSEN" + tag.toUpperCase()), null).json().path("items"))
                .hasSize(1);
        assertThat(api().get("/api/v1/providers?city=" + q("giessen" + tag), null).json().path("items")).hasSize(1);
    }
}
