package app.fitsocial.identity;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import app.fitsocial.platform.cache.CacheService;
import app.fitsocial.platform.versions.Versioned;

/**
 * Public profiles through the {@code user-profiles} cache, one entry per user at the version of
 * the user's row ({@code user:<id>}): every write that changes what a profile shows (an edit, a
 * follow changing a counter) raises that version, so the next read anywhere sees it. Every other
 * module's view of users (author names in feeds, comments, reviews and messages) is read here.
 */
@Component
class PublicProfiles {

    static final String CACHE = "user-profiles";

    /** What a profile is read from: plain rows, since nothing here is changed through the entity. */
    private static final String COLUMNS = """
            SELECT id, display_name, bio, fitness_level, interests, city, created_at, followers_count, following_count,
                   version FROM users""";

    private final JdbcClient jdbc;
    private final CacheService cache;

    PublicProfiles(JdbcClient jdbc, CacheService cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    /** The user's public profile at its current version, or {@code null} when there is no such user. */
    @Nullable Versioned<PublicProfile> of(long id) {
        return cache.get(CACHE, Long.toString(id), resource(id), PublicProfile.class,
                () -> jdbc.sql(COLUMNS + " WHERE id = :id").param("id", id).query(PublicProfiles::row).optional()
                        .orElse(null));
    }

    /** The public profiles of the given users that exist, with one round trip to Redis and at most one query. */
    Map<Long, PublicProfile> of(Collection<Long> ids) {
        List<String> keys = Set.copyOf(ids).stream().map(String::valueOf).toList();
        Map<String, Versioned<PublicProfile>> found = cache.getAll(CACHE, keys, key -> "user:" + key, PublicProfile.class,
                missing -> {
                    Map<String, Versioned<PublicProfile>> loaded = new HashMap<>();
                    jdbc.sql(COLUMNS + " WHERE id = ANY(:ids)")
                            .param("ids", missing.stream().map(Long::valueOf).toArray(Long[]::new))
                            .query(PublicProfiles::row).list()
                            .forEach(profile -> loaded.put(Long.toString(profile.value().id()), profile));
                    return loaded;
                });
        Map<Long, PublicProfile> profiles = new HashMap<>();
        found.forEach((key, profile) -> profiles.put(Long.valueOf(key), profile.value()));
        return profiles;
    }

    private static Versioned<PublicProfile> row(ResultSet rs, int rowNum) throws SQLException {
        String level = rs.getString("fitness_level");
        Array interests = rs.getArray("interests");
        return new Versioned<>(new PublicProfile(rs.getLong("id"), rs.getString("display_name"), rs.getString("bio"),
                level == null ? null : FitnessLevel.valueOf(level),
                interests == null ? List.of() : List.of((String[]) interests.getArray()), rs.getString("city"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getLong("followers_count"),
                rs.getLong("following_count")), rs.getLong("version"));
    }

    /** The version name of a user's row-backed representations ({@code /users/{id}}, {@code /users/me}). */
    static String resource(long id) {
        return "user:" + id;
    }
}
