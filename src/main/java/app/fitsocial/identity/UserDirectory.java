package app.fitsocial.identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Identity's API for other modules: existence and display names of users, in batches. */
@Service
@Transactional(readOnly = true)
public class UserDirectory {

    private final UserRepository users;

    UserDirectory(UserRepository users) {
        this.users = users;
    }

    public boolean exists(long userId) {
        return users.existsById(userId);
    }

    /** Public profiles of the given users in one query; ids of unknown users are absent from the map. */
    public Map<Long, PublicProfile> publicProfiles(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        return users.findByIdIn(Set.copyOf(userIds)).stream()
                .collect(Collectors.toMap(User::id, PublicProfile::from));
    }

    /** Those of the given users who have at least {@code threshold} followers, in one query. */
    public Set<Long> withFollowersAtLeast(Collection<Long> userIds, long threshold) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(users.findIdsWithFollowersAtLeast(Set.copyOf(userIds), threshold));
    }

    public java.util.Optional<PartnerProfile> partnerProfile(long userId) {
        return users.findById(userId).map(PartnerProfile::from);
    }

    /**
     * Up to {@code limit} possible workout partners for a user, found through an index: people
     * within {@code radiusKm} (a bounding box on the location index) when the user has a location,
     * else people in the same city, else people sharing an interest.
     */
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

    /** Summaries of the given users in one query; ids of unknown users are absent from the map. */
    public Map<Long, UserSummary> summaries(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        return users.findSummaries(Set.copyOf(userIds)).stream()
                .collect(Collectors.toMap(UserSummary::id, Function.identity()));
    }
}
