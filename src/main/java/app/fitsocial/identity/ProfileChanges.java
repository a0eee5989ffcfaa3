package app.fitsocial.identity;

import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.constraints.CodePointLength;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code PATCH /api/v1/users/me}: only the fields present change; an absent or null
 * field is left as it is; an empty string clears {@code bio} or {@code city}, an empty list
 * clears {@code interests}.
 */
record ProfileChanges(
        @CodePointLength(min = 1, max = 50) @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Nullable String displayName,
        @CodePointLength(max = 500) @Nullable String bio,
        @Nullable FitnessLevel fitnessLevel,
        @Size(max = 20) @Nullable List<@NotNull @CodePointLength(min = 1, max = 40) String> interests,
        @CodePointLength(max = 100) @Nullable String city,
        @DecimalMin("-90") @DecimalMax("90") @Nullable Double latitude,
        @DecimalMin("-180") @DecimalMax("180") @Nullable Double longitude) {
}
