package app.fitsocial.social;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import app.fitsocial.groups.GroupJoined;
import app.fitsocial.groups.GroupLeft;
import app.fitsocial.platform.cache.CacheService;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageQuery;
import app.fitsocial.platform.web.fields.FieldSelection;

/**
 * Feed pages through the {@code feed-pages} cache (5 min), per reader. A page's key includes
 * the head of the reader's timeline (newest id and size), so a post pushed to the reader or
 * removed from their timeline makes a new key at once; the reader's own follows, group joins,
 * likes and comments drop all their pages. Posts merged at read time (celebrities, groups) and
 * other people's likes show up within the lifetime.
 */
@Component
class FeedPageCache {

    static final String CACHE = "feed-pages";

    private static final Logger log = LoggerFactory.getLogger(FeedPageCache.class);
    private static final ParameterizedTypeReference<CursorPage<ActivityResponse>> PAGE = new ParameterizedTypeReference<>() {
    };

    private final CacheService cache;
    private final FeedTimelines timelines;

    FeedPageCache(CacheService cache, FeedTimelines timelines) {
        this.cache = cache;
        this.timelines = timelines;
    }

    /** The page from the cache, or computed (and cached when the reader has a timeline). */
    CursorPage<ActivityResponse> page(long readerId, PageQuery page, java.util.function.Supplier<CursorPage<ActivityResponse>> compute) {
        String head = head(readerId);
        if (head == null) {
            return compute.get();
        }
        String key = readerId + ":" + head + ":" + page.cursor() + ":" + page.limit() + ":" + FieldSelection.requested();
        return cache.getOrLoad(CACHE, key, PAGE.getType(), compute);
    }

    /** Drops every cached page of the reader (after the current transaction commits). */
    void readerChanged(long readerId) {
        cache.invalidateNamespace(CACHE, Long.toString(readerId));
    }

    @EventListener
    void on(ActivityPosted event) {
        readerChanged(event.authorId());
    }

    @EventListener
    void on(ActivityDeleted event) {
        readerChanged(event.authorId());
    }

    @EventListener
    void on(ActivityLiked event) {
        readerChanged(event.likerId());
    }

    @EventListener
    void on(ActivityCommented event) {
        readerChanged(event.commenterId());
    }

    @EventListener
    void on(UserFollowed event) {
        readerChanged(event.followerId());
    }

    @EventListener
    void on(UserUnfollowed event) {
        readerChanged(event.followerId());
    }

    @EventListener
    void on(GroupJoined event) {
        readerChanged(event.userId());
    }

    @EventListener
    void on(GroupLeft event) {
        readerChanged(event.userId());
    }

    private @Nullable String head(long readerId) {
        try {
            return timelines.head(readerId);
        }
        catch (DataAccessException redisFailure) {
            log.debug("No timeline head for {}: {}", readerId, redisFailure.getMessage());
            return null;
        }
    }
}
