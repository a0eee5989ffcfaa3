package app.fitsocial.identity;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Anyone's view of a user's profile: no email, no coordinates. Used in every list of users. */
public record PublicProfile(long id, String displayName, @Nullable String bio, @Nullable FitnessLevel fitnessLevel,
        List<String> interests, @Nullable String city, Instant createdAt, long followersCount, long followingCount) {

    static PublicProfile from(User user) {
        return new PublicProfile(user.id(), user.displayName(), user.bio(), user.fitnessLevel(),
                user.interests(), user.city(), user.createdAt(), user.followersCount(), user.followingCount());
    }
}
