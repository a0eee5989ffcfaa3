package app.fitsocial.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

class MessagingIntegrationTests extends IntegrationTestSupport {

    private ApiResponse sendTo(TestUser from, TestUser to, String body) {
        return api().post("/api/v1/messages/send", from.token(), Map.of("recipientId", to.id(), "body", body));
    }

    @Test
    void theFirstMessageOpensAConversationAndLaterOnesReuseIt() {
        TestUser ann = newUser();
        TestUser ben = newUser();
        ApiResponse first = sendTo(ann, ben, "Run tomorrow?");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        long conversation = first.json().path("conversationId").asLong();
        assertThat(first.json().path("sender").path("id").asLong()).isEqualTo(ann.id());
        assertThat(first.json().path("body").asString()).isEqualTo("Run tomorrow?");

        assertThat(sendTo(ben, ann, "Sure, 7am").json().path("conversationId").asLong()).isEqualTo(conversation);
        ApiResponse third = api().post("/api/v1/messages/send", ann.token(),
                Map.of("conversationId", conversation, "body", "Deal"));
        assertThat(third.status()).isEqualTo(201);

        ApiResponse messages = api().get("/api/v1/conversations/" + conversation + "/messages", ben.token());
        List<String> bodies = new ArrayList<>();
        messages.json().path("items").forEach(m -> bodies.add(m.path("body").asString()));
        assertThat(bodies).containsExactly("Deal", "Sure, 7am", "Run tomorrow?");
    }

    @Test
    void conversationsShowParticipantsLastMessageAndUnreadCount() {
        TestUser ann = newUser();
        TestUser ben = newUser();
        TestUser cat = newUser();
        sendTo(ben, ann, "one");
        sendTo(ben, ann, "two");
        sendTo(cat, ann, "hi from cat");

        ApiResponse list = api().get("/api/v1/conversations", ann.token());
        assertThat(list.status()).isEqualTo(200);
        var items = list.json().path("items");
        assertThat(items.size()).isEqualTo(2);
        var newest = items.get(0);
        assertThat(newest.path("lastMessage").path("body").asString()).isEqualTo("hi from cat");
        assertThat(newest.path("unreadCount").asLong()).isEqualTo(1);
        assertThat(newest.path("participants").size()).isEqualTo(2);
        var older = items.get(1);
        assertThat(older.path("unreadCount").asLong()).isEqualTo(2);
        assertThat(older.path("lastMessage").path("body").asString()).isEqualTo("two");

        long conversation = older.path("id").asLong();
        assertThat(api().post("/api/v1/conversations/" + conversation + "/read", ann.token(), null).status()).isEqualTo(204);
        var after = api().get("/api/v1/conversations", ann.token()).json().path("items");
        assertThat(after.get(1).path("unreadCount").asLong()).isZero();
        // the sender has nothing unread in it
        assertThat(api().get("/api/v1/conversations", ben.token()).json().path("items").get(0).path("unreadCount").asLong())
                .isZero();
    }

    @Test
    void outsidersCanNeitherReadNorWriteAConversation() {
        TestUser ann = newUser();
        TestUser ben = newUser();
        long conversation = sendTo(ann, ben, "private").json().path("conversationId").asLong();
        TestUser eve = newUser();
        assertProblem(api().get("/api/v1/conversations/" + conversation + "/messages", eve.token()), 404, "not-found");
        assertProblem(api().post("/api/v1/messages/send", eve.token(), Map.of("conversationId", conversation, "body", "x")),
                404, "not-found");
        assertProblem(api().post("/api/v1/conversations/" + conversation + "/read", eve.token(), null), 404, "not-found");
        assertThat(api().get("/api/v1/conversations", eve.token()).json().path("items").size()).isZero();
        assertProblem(api().get("/api/v1/conversations", null), 401, "unauthorized");
    }

    @Test
    void rejectsBadMessages() {
        TestUser ann = newUser();
        TestUser ben = newUser();
        assertFieldError(sendTo(ann, ben, ""), "body");
        assertFieldError(sendTo(ann, ben, "b".repeat(4001)), "body");
        assertThat(sendTo(ann, ben, "b".repeat(4000)).status()).isEqualTo(201);
        assertProblem(sendTo(ann, ann, "me"), 400, "message-self");
        assertProblem(api().post("/api/v1/messages/send", ann.token(), Map.of("body", "nobody")), 400, "invalid-request");
        assertProblem(api().post("/api/v1/messages/send", ann.token(),
                Map.of("recipientId", ben.id(), "conversationId", 1, "body", "both")), 400, "invalid-request");
        assertProblem(api().post("/api/v1/messages/send", ann.token(), Map.of("recipientId", 58585858, "body", "ghost")),
                404, "not-found");
        assertFieldError(api().post("/api/v1/messages/send", ann.token(), Map.of("recipientId", "ben", "body", "x")),
                "recipientId");
        assertProblem(api().post("/api/v1/messages/send", ann.token(), "{\"body\":"), 400, "malformed-body");
        assertFieldError(api().get("/api/v1/conversations?cursor=zz", ann.token()), "cursor");
        assertFieldError(api().get("/api/v1/conversations?limit=101", ann.token()), "limit");
    }

    @Test
    void pagesThroughMessagesAndConversations() {
        TestUser ann = newUser();
        TestUser ben = newUser();
        long conversation = 0;
        for (int i = 0; i < 5; i++) {
            conversation = sendTo(ann, ben, "m" + i).json().path("conversationId").asLong();
        }
        List<String> bodies = new ArrayList<>();
        ApiResponse first = api().get("/api/v1/conversations/" + conversation + "/messages?limit=3", ann.token());
        first.json().path("items").forEach(m -> bodies.add(m.path("body").asString()));
        ApiResponse second = api().get("/api/v1/conversations/" + conversation + "/messages?limit=3&cursor="
                + first.json().path("nextCursor").asString(), ann.token());
        second.json().path("items").forEach(m -> bodies.add(m.path("body").asString()));
        assertThat(bodies).containsExactly("m4", "m3", "m2", "m1", "m0");

        for (int i = 0; i < 3; i++) {
            sendTo(newUser(), ann, "hello " + i);
        }
        List<Long> ids = new ArrayList<>();
        ApiResponse page1 = api().get("/api/v1/conversations?limit=2", ann.token());
        page1.json().path("items").forEach(c -> ids.add(c.path("id").asLong()));
        ApiResponse page2 = api().get("/api/v1/conversations?limit=2&cursor=" + page1.json().path("nextCursor").asString(),
                ann.token());
        page2.json().path("items").forEach(c -> ids.add(c.path("id").asLong()));
        assertThat(ids).hasSize(4).doesNotHaveDuplicates().endsWith(conversation);
    }

    @Test
    void conversationListCostsThreeStatementsWhateverItsLength() {
        TestUser ann = newUser();
        for (int i = 0; i < 12; i++) {
            sendTo(newUser(), ann, "ping " + i);
        }
        api().get("/api/v1/conversations?limit=12", ann.token());
        long small = sqlStatementsOf(api().get("/api/v1/conversations?limit=2", ann.token()));
        long large = sqlStatementsOf(api().get("/api/v1/conversations?limit=12", ann.token()));
        // conversations, participants, last messages; the names come from the profile cache
        assertThat(small).isEqualTo(large).isEqualTo(3);
    }
}
