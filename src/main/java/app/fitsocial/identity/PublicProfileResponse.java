package app.fitsocial.identity;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Anyone's view of a profile: no email, no coordinates. */
record PublicProfileResponse(long id, String displayName, @Nullable String bio, @Nullable FitnessLevel fitnessLevel,
        List<String> interests, @Nullable String city, Instant createdAt, long followersCount, long followingCount) {

    static PublicProfileResponse from(User user) {
        return new PublicProfileResponse(user.id(), user.displayName(), user.bio(), user.fitnessLevel(),
                user.interests(), user.city(), user.createdAt(), user.followersCount(), user.followingCount());
    }
}
