package app.fitsocial.matching;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Partner matching settings.
 *
 * @param radiusKm how far away a partner may be, for users with a location
 * @param candidates how many nearby users are scored per request (taken through an index)
 * @param results how many of the best are kept and paged through
 */
@Validated
@ConfigurationProperties("fitsocial.matching")
public record MatchingSettings(
        @DefaultValue("25") @Min(1) @Max(500) double radiusKm,
        @DefaultValue("300") @Min(10) @Max(5000) int candidates,
        @DefaultValue("100") @Min(1) @Max(1000) int results) {
}
