package app.fitsocial.identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Identity's API for other modules: existence and display names of users, in batches. */
@Service
public class UserDirectory {

    private final UserRepository users;
    private final PublicProfiles profiles;
    private final JdbcClient jdbc;

    UserDirectory(UserRepository users, PublicProfiles profiles, JdbcClient jdbc) {
        this.users = users;
        this.profiles = profiles;
        this.jdbc = jdbc;
    }

    /** Whether the user exists (answered from the cached public profiles). */
    public boolean exists(long userId) {
        return profiles.of(userId) != null;
    }

    /**
     * Public profiles of the given users, current (from the {@code user-profiles} cache, checked
     * against the users' versions; the rest in one query); ids of unknown users are absent.
     */
    public Map<Long, PublicProfile> publicProfiles(Collection<Long> userIds) {
        return userIds.isEmpty() ? Map.of() : profiles.of(userIds);
    }

    /** Those of the given users who have at least {@code threshold} followers, in one query. */
    public Set<Long> withFollowersAtLeast(Collection<Long> userIds, long threshold) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("SELECT id FROM users WHERE id = ANY(:ids) AND followers_count >= :threshold")
                .param("ids", Set.copyOf(userIds).toArray(Long[]::new)).param("threshold", threshold)
                .query(Long.class).list());
    }

    @Transactional(readOnly = true)
    public java.util.Optional<PartnerProfile> partnerProfile(long userId) {
        return users.findById(userId).map(PartnerProfile::from);
    }

    /**
     * Up to {@code limit} possible workout partners for a user, found through an index: people
     * within {@code radiusKm} (a bounding box on the location index) when the user has a location,
     * else people in the same city, else people sharing an interest.
     */
    @Transactional(readOnly = true)
    public List<PartnerProfile> partnerCandidates(PartnerProfile seeker, double radiusKm, int limit) {
        List<User> found;
        if (seeker.latitude() != null && seeker.longitude() != null) {
            double latDelta = radiusKm / 111.0;
            double lonDelta = radiusKm / (111.0 * Math.max(0.01, Math.cos(Math.toRadians(seeker.latitude()))));
            found = users.findInBox(seeker.latitude() - latDelta, seeker.latitude() + latDelta,
                    seeker.longitude() - lonDelta, seeker.longitude() + lonDelta, seeker.id(), limit);
        }
        else if (seeker.city() != null) {
            found = users.findInCity(seeker.city(), seeker.id(), limit);
        }
        else if (!seeker.interests().isEmpty()) {
            found = users.findSharingInterests(seeker.interests().toArray(String[]::new), seeker.id(), limit);
        }
        else {
            found = List.of();
        }
        return found.stream().map(PartnerProfile::from).toList();
    }

    /**
     * Summaries of the given users (id and current display name), as {@link #publicProfiles} reads
     * them; ids of unknown users are absent from the map.
     */
    public Map<Long, UserSummary> summaries(Collection<Long> userIds) {
        Map<Long, UserSummary> summaries = new java.util.HashMap<>();
        publicProfiles(userIds).forEach((id, profile) -> summaries.put(id, new UserSummary(id, profile.displayName())));
        return summaries;
    }
}
