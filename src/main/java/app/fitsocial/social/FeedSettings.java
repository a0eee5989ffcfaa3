package app.fitsocial.social;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Home feed settings.
 *
 * @param timelineSize most activity ids kept in one user's precomputed timeline
 * @param celebrityThreshold followers from which an author's posts are merged into feeds at read
 *        time instead of being pushed into every follower's timeline
 * @param timelineIdleTtl a timeline not read for this long expires; only users with a live
 *        timeline (recently active) receive pushes, the others get theirs rebuilt when they return;
 *        the regeneration job also forgets readers idle this long and drops their timelines
 * @param activeWindow readers who read their feed within this window count as recently active:
 *        the regeneration job repairs their timelines
 * @param regenerationBatch most timelines one regeneration run repairs (the most recent readers
 *        first), and most idle readers it drops
 * @param redisTimeout the longest a timeline read or write waits for Redis; a read that times out
 *        answers from PostgreSQL, a write that does is left to the regeneration job
 */
@Validated
@ConfigurationProperties("fitsocial.feed")
public record FeedSettings(
        @DefaultValue("800") @Min(10) int timelineSize,
        @DefaultValue("1000") @Min(1) long celebrityThreshold,
        @DefaultValue("7d") Duration timelineIdleTtl,
        @DefaultValue("1h") Duration activeWindow,
        @DefaultValue("2000") @Min(1) int regenerationBatch,
        @DefaultValue("1s") Duration redisTimeout) {
}
