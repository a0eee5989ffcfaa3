package app.fitsocial.matching;

import java.util.List;

import org.jspecify.annotations.Nullable;

import app.fitsocial.identity.FitnessLevel;

/** A suggested partner: who (no email, no coordinates), how good a match (0..1) and why. */
record MatchResponse(MatchedUser user, double score, List<String> reasons) {

    record MatchedUser(long id, String displayName, @Nullable FitnessLevel fitnessLevel, List<String> interests,
            @Nullable String city) {
    }
}
