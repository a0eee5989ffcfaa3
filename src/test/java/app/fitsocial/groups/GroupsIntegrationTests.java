package app.fitsocial.groups;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

class GroupsIntegrationTests extends IntegrationTestSupport {

    private long createGroup(TestUser owner, String name) {
        ApiResponse response = api().post("/api/v1/groups", owner.token(), Map.of("name", name, "description", "We run"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("id").asLong();
    }

    @Test
    void createsAGroupWhoseCreatorIsItsFirstMember() {
        TestUser owner = newUser();
        ApiResponse created = api().post("/api/v1/groups", owner.token(), Map.of("name", "Dawn Runners"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("membersCount").asLong()).isEqualTo(1);
        assertThat(created.json().path("joinedByMe").asBoolean()).isTrue();
        long id = created.json().path("id").asLong();
        assertThat(created.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/groups/" + id));

        ApiResponse seenByOther = api().get("/api/v1/groups/" + id, newUser().token());
        assertThat(seenByOther.json().path("joinedByMe").asBoolean()).isFalse();
        assertThat(seenByOther.json().path("membersCount").asLong()).isEqualTo(1);
    }

    @Test
    void joinAndLeaveAreIdempotentAndCounted() {
        long id = createGroup(newUser(), unique("Climbers"));
        TestUser member = newUser();
        assertThat(api().post("/api/v1/groups/" + id + "/members", member.token(), null).status()).isEqualTo(204);
        assertThat(api().post("/api/v1/groups/" + id + "/members", member.token(), null).status()).isEqualTo(204);
        var group = api().get("/api/v1/groups/" + id, member.token()).json();
        assertThat(group.path("membersCount").asLong()).isEqualTo(2);
        assertThat(group.path("joinedByMe").asBoolean()).isTrue();

        assertThat(api().delete("/api/v1/groups/" + id + "/members", member.token()).status()).isEqualTo(204);
        assertThat(api().delete("/api/v1/groups/" + id + "/members", member.token()).status()).isEqualTo(204);
        group = api().get("/api/v1/groups/" + id, member.token()).json();
        assertThat(group.path("membersCount").asLong()).isEqualTo(1);
        assertThat(group.path("joinedByMe").asBoolean()).isFalse();
    }

    @Test
    void listsMembersInJoinOrder() {
        TestUser owner = newUser();
        long id = createGroup(owner, unique("Swimmers"));
        List<Long> expected = new ArrayList<>(List.of(owner.id()));
        for (int i = 0; i < 3; i++) {
            TestUser member = newUser();
            api().post("/api/v1/groups/" + id + "/members", member.token(), null);
            expected.add(member.id());
        }
        List<Long> seen = new ArrayList<>();
        String path = "/api/v1/groups/" + id + "/members?limit=3";
        ApiResponse first = api().get(path, owner.token());
        first.json().path("items").forEach(n -> seen.add(n.path("id").asLong()));
        ApiResponse second = api().get(path + "&cursor=" + first.json().path("nextCursor").asString(), owner.token());
        second.json().path("items").forEach(n -> seen.add(n.path("id").asLong()));
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void memberListCostsThreeStatementsWhateverThePageSize() {
        TestUser owner = newUser();
        long id = createGroup(owner, unique("Hikers"));
        for (int i = 0; i < 12; i++) {
            api().post("/api/v1/groups/" + id + "/members", newUser().token(), null);
        }
        long small = sqlStatementsOf(api().get("/api/v1/groups/" + id + "/members?limit=2", owner.token()));
        long large = sqlStatementsOf(api().get("/api/v1/groups/" + id + "/members?limit=13", owner.token()));
        // group exists, the page of members, their profiles
        assertThat(small).isEqualTo(large).isEqualTo(3);
    }

    @Test
    void searchesGroupsByNamePrefix() {
        String prefix = unique("Yogis").replace("-", "");
        TestUser owner = newUser();
        long a = createGroup(owner, prefix + " North");
        long b = createGroup(owner, prefix + " South");
        ApiResponse found = api().get("/api/v1/groups?q=" + prefix.toLowerCase(), owner.token());
        List<Long> ids = new ArrayList<>();
        found.json().path("items").forEach(n -> ids.add(n.path("id").asLong()));
        assertThat(ids).containsExactly(a, b);
    }

    @Test
    void rejectsBadGroupRequests() {
        TestUser user = newUser();
        assertFieldError(api().post("/api/v1/groups", user.token(), Map.of("name", " ")), "name");
        assertFieldError(api().post("/api/v1/groups", user.token(), Map.of("name", "n".repeat(81))), "name");
        assertFieldError(api().post("/api/v1/groups", user.token(), Map.of("name", "ok", "description", "d".repeat(1001))),
                "description");
        assertProblem(api().post("/api/v1/groups", user.token(), "{\"name\":"), 400, "malformed-body");
        assertProblem(api().get("/api/v1/groups/73737373", user.token()), 404, "not-found");
        assertProblem(api().post("/api/v1/groups/73737373/members", user.token(), null), 404, "not-found");
        assertProblem(api().get("/api/v1/groups/73737373/members", user.token()), 404, "not-found");
        assertFieldError(api().get("/api/v1/groups?cursor=bad", user.token()), "cursor");
        assertProblem(api().get("/api/v1/groups", null), 401, "unauthorized");
    }
}
