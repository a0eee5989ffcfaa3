package app.fitsocial.social;

import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The social module's API for other modules: who follows whom. */
@Service
@Transactional(readOnly = true)
public class FollowGraph {

    private final JdbcClient jdbc;

    FollowGraph(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Everyone the user follows. */
    public List<Long> followingOf(long userId) {
        return jdbc.sql("SELECT following_id FROM follows WHERE follower_id = :u").param("u", userId)
                .query(Long.class).list();
    }

    /** Everyone who follows the user. */
    public List<Long> followersOf(long userId) {
        return jdbc.sql("SELECT follower_id FROM follows WHERE following_id = :u").param("u", userId)
                .query(Long.class).list();
    }

    /** Whom any of the given users follow, as one set (one statement). */
    List<Long> followedByAny(Collection<Long> userIds) {
        return jdbc.sql("SELECT DISTINCT following_id FROM follows WHERE follower_id = ANY(:users)")
                .param("users", userIds.toArray(Long[]::new)).query(Long.class).list();
    }
}
