package app.fitsocial.identity;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** What partner matching knows of a user: level, interests and where they are. */
public record PartnerProfile(long id, String displayName, @Nullable FitnessLevel fitnessLevel, List<String> interests,
        @Nullable String city, @Nullable Double latitude, @Nullable Double longitude) {

    static PartnerProfile from(User user) {
        return new PartnerProfile(user.id(), user.displayName(), user.fitnessLevel(), user.interests(), user.city(),
                user.latitude(), user.longitude());
    }
}
