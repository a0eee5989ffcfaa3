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

    /** Summaries of the given users in one query; ids of unknown users are absent from the map. */
    public Map<Long, UserSummary> summaries(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        return users.findSummaries(Set.copyOf(userIds)).stream()
                .collect(Collectors.toMap(UserSummary::id, Function.identity()));
    }
}
