package app.fitsocial.matching;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;

import app.fitsocial.classes.ClassCatalog;
import app.fitsocial.identity.PartnerProfile;
import app.fitsocial.identity.UserDirectory;
import app.fitsocial.platform.web.Cursor;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageQuery;
import app.fitsocial.platform.web.ResourceNotFoundException;
import app.fitsocial.social.FollowGraph;

/**
 * Workout-partner suggestions: candidates come through an index (nearby, same city or a shared
 * interest), never from a scan of all users; the seeker and everyone they already follow are
 * left out; the rest are scored by {@link PartnerScorer} and the best kept, best first. A page
 * is a slice of that short ranked list (the cursor is a rank), so no query uses OFFSET.
 */
@Service
class MatchingService {

    private final UserDirectory users;
    private final FollowGraph follows;
    private final ClassCatalog classes;
    private final MatchingSettings settings;
    private final MatchRankings rankings;

    MatchingService(UserDirectory users, FollowGraph follows, ClassCatalog classes,
            MatchingSettings settings, MatchRankings rankings) {
        this.rankings = rankings;
        this.users = users;
        this.follows = follows;
        this.classes = classes;
        this.settings = settings;
    }

    /** A page of the user's ranked matches; the ranking comes from {@link MatchRankings}. */
    CursorPage<MatchResponse> matches(long userId, PageQuery page) {
        List<MatchResponse> ranked = rankings.of(userId,
                () -> ranked(userId).stream().map(MatchingService::response).toList());
        int from = page.cursor() == null ? 0 : (int) Math.max(0, Math.min(Integer.MAX_VALUE, Cursor.decodeId(page.cursor())));
        List<MatchResponse> rest = ranked.subList(Math.min(from, ranked.size()), ranked.size());
        List<MatchResponse> slice = rest.subList(0, Math.min(rest.size(), page.fetchSize()));
        return CursorPage.of(slice, page, s -> Cursor.ofId(from + page.limit()));
    }

    List<PartnerScorer.Scored> ranked(long userId) {
        PartnerProfile seeker = users.partnerProfile(userId).orElseThrow(() -> new ResourceNotFoundException("User", userId));
        Set<Long> excluded = new HashSet<>(follows.followingOf(userId));
        excluded.add(userId);
        List<PartnerProfile> candidates = users.partnerCandidates(seeker, settings.radiusKm(), settings.candidates())
                .stream().filter(c -> !excluded.contains(c.id())).toList();
        Map<Long, Long> shared = classes.sharedClassCounts(userId, candidates.stream().map(PartnerProfile::id).toList());
        return candidates.stream()
                .map(c -> PartnerScorer.score(seeker, c, shared.getOrDefault(c.id(), 0L), settings.radiusKm()))
                .filter(s -> s.score() > 0)
                .sorted(Comparator.comparingDouble(PartnerScorer.Scored::score).reversed()
                        .thenComparingLong(s -> s.candidate().id()))
                .limit(settings.results())
                .toList();
    }

    private static MatchResponse response(PartnerScorer.Scored scored) {
        PartnerProfile c = scored.candidate();
        return new MatchResponse(new MatchResponse.MatchedUser(c.id(), c.displayName(), c.fitnessLevel(), c.interests(),
                c.city()), scored.score(), scored.reasons());
    }
}
