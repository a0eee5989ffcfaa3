package app.fitsocial.groups;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The groups module's API for other modules: existence and membership. */
@Service
@Transactional(readOnly = true)
public class GroupDirectory {

    private final JdbcClient jdbc;

    GroupDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean exists(long groupId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM groups WHERE id = :id)").param("id", groupId)
                .query(Boolean.class).single();
    }

    public boolean isMember(long groupId, long userId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM group_members WHERE group_id = :g AND user_id = :u)")
                .param("g", groupId).param("u", userId).query(Boolean.class).single();
    }

    /** The groups a user belongs to. */
    public List<Long> groupsOf(long userId) {
        return jdbc.sql("SELECT group_id FROM group_members WHERE user_id = :u").param("u", userId)
                .query(Long.class).list();
    }
}
