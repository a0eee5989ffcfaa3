package app.fitsocial.identity;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** The owner's view of a profile ({@code /users/me}), email and location included. */
record UserProfileResponse(long id, String email, String displayName, @Nullable String bio,
        @Nullable FitnessLevel fitnessLevel, List<String> interests, @Nullable String city, @Nullable Double latitude,
        @Nullable Double longitude, Role role, Instant createdAt, Instant updatedAt, long followersCount,
        long followingCount) {

    static UserProfileResponse from(User user) {
        return new UserProfileResponse(user.id(), user.email(), user.displayName(), user.bio(), user.fitnessLevel(),
                user.interests(), user.city(), user.latitude(), user.longitude(), user.role(), user.createdAt(),
                user.updatedAt(), user.followersCount(), user.followingCount());
    }
}
