package app.fitsocial.groups;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.fitsocial.identity.PublicProfile;
import app.fitsocial.identity.UserDirectory;
import app.fitsocial.platform.persistence.LikePattern;
import app.fitsocial.platform.versions.Versioned;
import app.fitsocial.platform.versions.Versions;
import app.fitsocial.platform.web.Cursor;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageQuery;
import app.fitsocial.platform.web.ResourceNotFoundException;
import app.fitsocial.platform.web.conditional.WritePreconditions;

/**
 * Groups and membership. {@code members_count} is maintained with each join and leave;
 * joining twice or leaving a group one is not in changes nothing and publishes nothing.
 */
@Service
class GroupService {

    private static final String COLUMNS = """
            SELECT g.id, g.name, g.description, g.owner_id, g.members_count, g.created_at, g.version,
                   EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id AND m.user_id = :viewer) AS joined
            FROM groups g""";

    private final JdbcClient jdbc;
    private final UserDirectory users;
    private final ApplicationEventPublisher events;
    private final Versions versions;

    GroupService(JdbcClient jdbc, UserDirectory users, ApplicationEventPublisher events, Versions versions) {
        this.jdbc = jdbc;
        this.users = users;
        this.events = events;
        this.versions = versions;
    }

    @Transactional
    GroupResponse create(long ownerId, String name, @Nullable String description) {
        long id = jdbc.sql("INSERT INTO groups (name, description, owner_id) VALUES (:name, :description, :owner) RETURNING id")
                .param("name", name.strip()).param("description", description == null || description.isBlank() ? null
                        : description.strip())
                .param("owner", ownerId).query(Long.class).single();
        join(id, ownerId);
        return find(id, ownerId).value();
    }

    /** The group as the viewer sees it, at the version of its row ({@code group:<id>}: members and joins). */
    @Transactional(readOnly = true)
    Versioned<GroupResponse> find(long groupId, long viewerId) {
        return jdbc.sql(COLUMNS + " WHERE g.id = :id").param("id", groupId).param("viewer", viewerId)
                .query((rs, row) -> new Versioned<>(toGroup(rs, row), rs.getLong("version"))).optional()
                .orElseThrow(() -> new ResourceNotFoundException("Group", groupId));
    }

    /** Groups whose name starts with {@code q} (all groups without it), compared and ordered by search key. */
    @Transactional(readOnly = true)
    CursorPage<GroupResponse> search(@Nullable String q, long viewerId, PageQuery page) {
        Map<String, Object> params = new HashMap<>();
        params.put("viewer", viewerId);
        params.put("limit", page.fetchSize());
        StringBuilder sql = new StringBuilder(COLUMNS).append(" WHERE true");
        if (q != null) {
            sql.append(" AND search_key(g.name) COLLATE \"C\" LIKE search_key(:prefix)");
            params.put("prefix", LikePattern.startingWith(q.strip()));
        }
        if (page.cursor() != null) {
            Cursor.TextId after = Cursor.decodeText(page.cursor());
            sql.append(" AND (search_key(g.name) COLLATE \"C\", g.id) > (search_key(CAST(:afterName AS text)) COLLATE \"C\", :afterId)");
            params.put("afterName", after.text());
            params.put("afterId", after.id());
        }
        sql.append(" ORDER BY search_key(g.name) COLLATE \"C\", g.id LIMIT :limit");
        List<GroupResponse> rows = jdbc.sql(sql.toString()).params(params).query(GroupService::toGroup).list();
        return CursorPage.of(rows, page, row -> Cursor.ofText(row.name(), row.id()));
    }

    @Transactional
    void join(long groupId, long userId) {
        requireGroup(groupId);
        int added = jdbc.sql("""
                INSERT INTO group_members (group_id, user_id) VALUES (:g, :u)
                ON CONFLICT (group_id, user_id) DO NOTHING""").param("g", groupId).param("u", userId).update();
        if (added == 1) {
            countMember(groupId, 1);
            events.publishEvent(new GroupJoined(groupId, userId));
        }
    }

    @Transactional
    void leave(long groupId, long userId, WritePreconditions preconditions) {
        requireGroup(groupId);
        boolean member = jdbc.sql("SELECT id FROM group_members WHERE group_id = :g AND user_id = :u FOR UPDATE")
                .param("g", groupId).param("u", userId).query(Long.class).optional().isPresent();
        preconditions.checkExists(member);
        int removed = jdbc.sql("DELETE FROM group_members WHERE group_id = :g AND user_id = :u")
                .param("g", groupId).param("u", userId).update();
        if (removed == 1) {
            countMember(groupId, -1);
            events.publishEvent(new GroupLeft(groupId, userId));
        }
    }

    /** Changes the members count; a new version of the group (its count, and joinedByMe of the member). */
    private void countMember(long groupId, int delta) {
        versions.changed("group:" + groupId, jdbc.sql("""
                UPDATE groups SET members_count = members_count + :delta, version = version + 1 WHERE id = :g
                RETURNING version""").param("delta", delta).param("g", groupId).query(Long.class).single());
    }

    /** Members in the order they joined: one statement for the page, one for their profiles. */
    @Transactional(readOnly = true)
    CursorPage<PublicProfile> members(long groupId, PageQuery page) {
        requireGroup(groupId);
        record Member(long id, long userId) {
        }
        long after = page.cursor() == null ? 0 : Cursor.decodeId(page.cursor());
        List<Member> rows = jdbc.sql("""
                SELECT id, user_id FROM group_members WHERE group_id = :g AND id > :after ORDER BY id LIMIT :limit""")
                .param("g", groupId).param("after", after).param("limit", page.fetchSize())
                .query((rs, n) -> new Member(rs.getLong("id"), rs.getLong("user_id"))).list();
        return CursorPage.of(rows, page, m -> Cursor.ofId(m.id())).mapItems(members -> {
            Map<Long, PublicProfile> profiles = users.publicProfiles(members.stream().map(Member::userId).toList());
            return members.stream().map(m -> profiles.get(m.userId())).filter(java.util.Objects::nonNull).toList();
        });
    }

    private void requireGroup(long groupId) {
        boolean exists = jdbc.sql("SELECT EXISTS (SELECT 1 FROM groups WHERE id = :id)").param("id", groupId)
                .query(Boolean.class).single();
        if (!exists) {
            throw new ResourceNotFoundException("Group", groupId);
        }
    }

    private static GroupResponse toGroup(ResultSet rs, int row) throws SQLException {
        return new GroupResponse(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
                rs.getLong("owner_id"), rs.getLong("members_count"), rs.getBoolean("joined"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
