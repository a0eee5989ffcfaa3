package app.fitsocial.matching;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.context.event.EventListener;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;

import app.fitsocial.classes.BookingCancelled;
import app.fitsocial.classes.ClassBooked;
import app.fitsocial.identity.ProfileChanged;
import app.fitsocial.platform.cache.CacheService;
import app.fitsocial.platform.versions.Versions;
import app.fitsocial.social.UserFollowed;
import app.fitsocial.social.UserUnfollowed;

/**
 * Each user's ranked partner suggestions through the {@code matches} cache (1 h), valid while the
 * user's own inputs to the ranking keep their version ({@code matches:<user>}): the user's profile,
 * whom they follow and what they booked. Those are raised by the user's own writes, so a user
 * always sees their own change at once; other people's changes (a candidate's new city or name)
 * show within the cache's lifetime.
 */
@Component
class MatchRankings {

    static final String CACHE = "matches";
    private static final ParameterizedTypeReference<List<MatchResponse>> RANKING = new ParameterizedTypeReference<>() {
    };

    private final CacheService cache;
    private final Versions versions;

    MatchRankings(CacheService cache, Versions versions) {
        this.cache = cache;
        this.versions = versions;
    }

    List<MatchResponse> of(long userId, Supplier<List<MatchResponse>> rank) {
        return cache.getInCollection(CACHE, Long.toString(userId), inputsOf(userId), RANKING.getType(), rank);
    }

    @EventListener
    void on(ProfileChanged event) {
        versions.changed(inputsOf(event.userId()));
    }

    @EventListener
    void on(UserFollowed event) {
        versions.changed(inputsOf(event.followerId()));
    }

    @EventListener
    void on(UserUnfollowed event) {
        versions.changed(inputsOf(event.followerId()));
    }

    @EventListener
    void on(ClassBooked event) {
        versions.changed(inputsOf(event.userId()));
    }

    @EventListener
    void on(BookingCancelled event) {
        versions.changed(inputsOf(event.userId()));
    }

    private static String inputsOf(long userId) {
        return "matches:" + userId;
    }
}
