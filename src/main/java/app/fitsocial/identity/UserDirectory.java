package app.fitsocial.identity;

import java.util.Collection;
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

    /** Summaries of the given users in one query; ids of unknown users are absent from the map. */
    public Map<Long, UserSummary> summaries(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        return users.findSummaries(Set.copyOf(userIds)).stream()
                .collect(Collectors.toMap(UserSummary::id, Function.identity()));
    }
}
