package app.fitsocial.identity;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How followers are counted.
 *
 * @param deferredFrom from this many followers, a user's follows and unfollows are recorded as
 *        deltas and folded into their count by a job every
 *        {@code fitsocial.jobs.followers-count-folding-interval}, so concurrent followers of a
 *        popular user do not queue on the lock of their row; below it they are counted on the
 *        row in the follow's own transaction
 * @param foldBatch most deltas one folding transaction takes
 */
@Validated
@ConfigurationProperties("fitsocial.identity.followers-count")
public record FollowersCountSettings(
        @DefaultValue("1000") @Min(1) long deferredFrom,
        @DefaultValue("10000") @Min(1) int foldBatch) {
}
