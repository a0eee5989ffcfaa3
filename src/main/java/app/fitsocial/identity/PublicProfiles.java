package app.fitsocial.identity;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
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

    private final UserRepository users;
    private final CacheService cache;

    PublicProfiles(UserRepository users, CacheService cache) {
        this.users = users;
        this.cache = cache;
    }

    /** The user's public profile at its current version, or {@code null} when there is no such user. */
    @Nullable Versioned<PublicProfile> of(long id) {
        return cache.get(CACHE, Long.toString(id), resource(id), PublicProfile.class,
                () -> users.findById(id).map(user -> new Versioned<>(PublicProfile.from(user), user.version())).orElse(null));
    }

    /** The public profiles of the given users that exist, with one round trip to Redis and at most one query. */
    Map<Long, PublicProfile> of(Collection<Long> ids) {
        List<String> keys = Set.copyOf(ids).stream().map(String::valueOf).toList();
        Map<String, Versioned<PublicProfile>> found = cache.getAll(CACHE, keys, key -> "user:" + key, PublicProfile.class,
                missing -> {
                    Map<String, Versioned<PublicProfile>> loaded = new HashMap<>();
                    users.findByIdIn(missing.stream().map(Long::valueOf).toList()).forEach(user -> loaded.put(
                            Long.toString(user.id()), new Versioned<>(PublicProfile.from(user), user.version())));
                    return loaded;
                });
        Map<Long, PublicProfile> profiles = new HashMap<>();
        found.forEach((key, profile) -> profiles.put(Long.valueOf(key), profile.value()));
        return profiles;
    }

    /** The version name of a user's row-backed representations ({@code /users/{id}}, {@code /users/me}). */
    static String resource(long id) {
        return "user:" + id;
    }
}
