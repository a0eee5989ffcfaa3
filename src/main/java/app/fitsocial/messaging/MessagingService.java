package app.fitsocial.messaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.fitsocial.identity.UserDirectory;
import app.fitsocial.identity.UserSummary;
import app.fitsocial.platform.web.Cursor;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageQuery;
import app.fitsocial.platform.web.ResourceNotFoundException;

/**
 * Sending and reading messages. Each participant row keeps its own unread count and the time
 * of the conversation's last message, so the conversation list is an index range plus three
 * batch lookups (participants, last messages, names) whatever its length. A conversation the
 * caller is not in is reported as not found.
 */
@Service
class MessagingService {

    private static final String MESSAGE_COLUMNS = "SELECT id, conversation_id, sender_id, body, sent_at FROM messages";

    private final JdbcClient jdbc;
    private final UserDirectory users;
    private final ApplicationEventPublisher events;

    MessagingService(JdbcClient jdbc, UserDirectory users, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.users = users;
        this.events = events;
    }

    private record MessageRow(long id, long conversationId, long senderId, String body, Instant sentAt) {
    }

    /** Sends to a user, opening the one-to-one conversation with them on the first message. */
    @Transactional
    MessageResponse sendTo(long senderId, long recipientId, String body) {
        if (senderId == recipientId) {
            throw new MessagingExceptions.MessageToSelf();
        }
        if (!users.exists(recipientId)) {
            throw new ResourceNotFoundException("User", recipientId);
        }
        String key = Math.min(senderId, recipientId) + ":" + Math.max(senderId, recipientId);
        Long existing = jdbc.sql("SELECT id FROM conversations WHERE direct_key = :k").param("k", key)
                .query(Long.class).optional().orElse(null);
        return send(senderId, existing != null ? existing : open(key, senderId, recipientId), body);
    }

    /** Opens the one-to-one conversation of two users; a concurrent first message between them opens the same one. */
    private long open(String key, long senderId, long recipientId) {
        jdbc.sql("INSERT INTO conversations (direct_key) VALUES (:k) ON CONFLICT (direct_key) DO NOTHING")
                .param("k", key).update();
        long conversationId = jdbc.sql("SELECT id FROM conversations WHERE direct_key = :k").param("k", key)
                .query(Long.class).single();
        jdbc.sql("""
                INSERT INTO conversation_participants (conversation_id, user_id)
                VALUES (:c, :a), (:c, :b) ON CONFLICT DO NOTHING""")
                .param("c", conversationId).param("a", senderId).param("b", recipientId).update();
        return conversationId;
    }

    @Transactional
    MessageResponse sendToConversation(long senderId, long conversationId, String body) {
        requireParticipant(conversationId, senderId);
        return send(senderId, conversationId, body);
    }

    @Transactional(readOnly = true)
    CursorPage<ConversationResponse> conversations(long userId, PageQuery page) {
        Map<String, Object> params = new HashMap<>();
        params.put("u", userId);
        params.put("limit", page.fetchSize());
        String keyset = "";
        if (page.cursor() != null) {
            Cursor.TimeId after = Cursor.decodeTime(page.cursor());
            keyset = " AND (p.last_message_at, p.conversation_id) < (:t, :id)";
            params.put("t", after.time().atOffset(java.time.ZoneOffset.UTC));
            params.put("id", after.id());
        }
        List<ConversationRow> rows = jdbc.sql("""
                SELECT p.conversation_id, p.unread_count, p.last_message_at, c.last_message_id
                FROM conversation_participants p JOIN conversations c ON c.id = p.conversation_id
                WHERE p.user_id = :u""" + keyset
                + " ORDER BY p.last_message_at DESC, p.conversation_id DESC LIMIT :limit")
                .params(params)
                .query((rs, n) -> new ConversationRow(rs.getLong("conversation_id"), rs.getLong("unread_count"),
                        rs.getObject("last_message_at", OffsetDateTime.class).toInstant(),
                        (Long) rs.getObject("last_message_id", Long.class)))
                .list();
        return CursorPage.of(rows, page, r -> Cursor.ofTime(r.lastMessageAt(), r.id())).mapItems(this::complete);
    }

    /** A page of the caller's conversations, before participants, last messages and names are added. */
    private record ConversationRow(long id, long unread, Instant lastMessageAt, @Nullable Long lastMessageId) {
    }

    /** Adds participants, last messages and names to a page of conversations: three statements for any page. */
    private List<ConversationResponse> complete(List<ConversationRow> rows) {
        Map<Long, List<Long>> participants = new HashMap<>();
        jdbc.sql("SELECT conversation_id, user_id FROM conversation_participants WHERE conversation_id = ANY(:ids)")
                .param("ids", rows.stream().map(ConversationRow::id).toArray(Long[]::new))
                .query((RowCallbackHandler) rs -> participants
                        .computeIfAbsent(rs.getLong("conversation_id"), k -> new ArrayList<>()).add(rs.getLong("user_id")));
        Map<Long, MessageRow> lastMessages = new HashMap<>();
        jdbc.sql(MESSAGE_COLUMNS + " WHERE id = ANY(:ids)")
                .param("ids", rows.stream().map(ConversationRow::lastMessageId).filter(java.util.Objects::nonNull)
                        .toArray(Long[]::new))
                .query(MessagingService::toMessage).list().forEach(m -> lastMessages.put(m.id(), m));
        Set<Long> people = new HashSet<>();
        participants.values().forEach(people::addAll);
        Map<Long, UserSummary> names = users.summaries(people);
        return rows.stream().map(r -> new ConversationResponse(r.id(),
                participants.getOrDefault(r.id(), List.of()).stream().sorted().map(id -> name(names, id)).toList(),
                r.lastMessageId() == null || !lastMessages.containsKey(r.lastMessageId()) ? null
                        : response(lastMessages.get(r.lastMessageId()), names),
                r.unread(), r.lastMessageAt())).toList();
    }

    /** Messages of a conversation, newest first. */
    @Transactional(readOnly = true)
    CursorPage<MessageResponse> messages(long userId, long conversationId, PageQuery page) {
        requireParticipant(conversationId, userId);
        Map<String, Object> params = new HashMap<>();
        params.put("c", conversationId);
        params.put("limit", page.fetchSize());
        String keyset = "";
        if (page.cursor() != null) {
            Cursor.TimeId after = Cursor.decodeTime(page.cursor());
            keyset = " AND (sent_at, id) < (:t, :id)";
            params.put("t", after.time().atOffset(java.time.ZoneOffset.UTC));
            params.put("id", after.id());
        }
        List<MessageRow> rows = jdbc.sql(MESSAGE_COLUMNS + " WHERE conversation_id = :c" + keyset
                + " ORDER BY sent_at DESC, id DESC LIMIT :limit").params(params).query(MessagingService::toMessage).list();
        return CursorPage.of(rows, page, r -> Cursor.ofTime(r.sentAt(), r.id())).mapItems(kept -> {
            Map<Long, UserSummary> names = users.summaries(kept.stream().map(MessageRow::senderId).toList());
            return kept.stream().map(m -> response(m, names)).toList();
        });
    }

    @Transactional
    void markRead(long userId, long conversationId) {
        int updated = jdbc.sql("""
                UPDATE conversation_participants SET unread_count = 0, last_read_at = now()
                WHERE conversation_id = :c AND user_id = :u""").param("c", conversationId).param("u", userId).update();
        if (updated == 0) {
            throw new ResourceNotFoundException("Conversation", conversationId);
        }
    }

    /**
     * Stores a message and, in the same statement, makes it the conversation's last message and
     * counts it unread for everyone but the sender.
     */
    private MessageResponse send(long senderId, long conversationId, String body) {
        record Sent(MessageRow message, List<Long> recipients) {
        }
        Sent sent = jdbc.sql("""
                WITH m AS (
                    INSERT INTO messages (conversation_id, sender_id, body) VALUES (:c, :s, :b)
                    RETURNING id, conversation_id, sender_id, body, sent_at),
                conversation AS (
                    UPDATE conversations SET last_message_id = m.id, last_message_at = m.sent_at
                    FROM m WHERE conversations.id = m.conversation_id),
                participants AS (
                    UPDATE conversation_participants p
                    SET last_message_at = m.sent_at,
                        unread_count = p.unread_count + CASE WHEN p.user_id = :s THEN 0 ELSE 1 END
                    FROM m WHERE p.conversation_id = m.conversation_id
                    RETURNING p.user_id)
                SELECT m.*, ARRAY(SELECT user_id FROM participants WHERE user_id <> :s) AS recipients FROM m""")
                .param("c", conversationId).param("s", senderId).param("b", body)
                .query((rs, n) -> new Sent(toMessage(rs, n), List.of((Long[]) rs.getArray("recipients").getArray())))
                .single();
        MessageRow message = sent.message();
        events.publishEvent(new MessageSent(message.id(), conversationId, senderId, sent.recipients()));
        return response(message, users.summaries(List.of(senderId)));
    }

    private void requireParticipant(long conversationId, long userId) {
        boolean participant = jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM conversation_participants WHERE conversation_id = :c AND user_id = :u)""")
                .param("c", conversationId).param("u", userId).query(Boolean.class).single();
        if (!participant) {
            throw new ResourceNotFoundException("Conversation", conversationId);
        }
    }

    private static MessageResponse response(MessageRow row, Map<Long, UserSummary> names) {
        return new MessageResponse(row.id(), row.conversationId(), name(names, row.senderId()), row.body(), row.sentAt());
    }

    private static UserSummary name(Map<Long, UserSummary> names, long id) {
        UserSummary summary = names.get(id);
        return summary != null ? summary : new UserSummary(id, "");
    }

    private static MessageRow toMessage(ResultSet rs, int n) throws SQLException {
        return new MessageRow(rs.getLong("id"), rs.getLong("conversation_id"), rs.getLong("sender_id"),
                rs.getString("body"), rs.getObject("sent_at", OffsetDateTime.class).toInstant());
    }
}
