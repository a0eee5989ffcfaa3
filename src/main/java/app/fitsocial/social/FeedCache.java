package app.fitsocial.social;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;

import app.fitsocial.groups.GroupJoined;
import app.fitsocial.groups.GroupLeft;
import app.fitsocial.platform.cache.CacheService;
import app.fitsocial.platform.versions.Versions;

/**
 * What a feed page is put together from, besides the reader's timeline and the activities
 * themselves ({@link ActivityCache}), through caches that follow the versions of what they hold:
 * <ul>
 * <li>{@code feed-sources}: whom the reader follows (pushed authors and celebrities apart) and
 * the groups they belong to, while {@code feed-sources:<reader>} holds: raised by the reader's
 * follows, unfollows, joins and leaves, and for every follower of an author who crosses the
 * celebrity threshold either way;</li>
 * <li>{@code recent-posts}: the newest activity ids of each source merged at read time (an
 * author over the celebrity threshold, a group), while {@code posts:<author>} or
 * {@code group-posts:<group>} holds: raised by every post and delete there.</li>
 * </ul>
 */
@Component
class FeedCache {

    static final String SOURCES = "feed-sources";
    static final String RECENT = "recent-posts";

    /** How many of a merged source's newest ids are kept; deeper pages read PostgreSQL. */
    static final int RECENT_POSTS = 200;

    private static final ParameterizedTypeReference<List<Long>> IDS = new ParameterizedTypeReference<>() {
    };

    private final CacheService cache;
    private final Versions versions;

    FeedCache(CacheService cache, Versions versions) {
        this.cache = cache;
        this.versions = versions;
    }

    /** Where a reader's feed comes from: authors pushed to the timeline, authors and groups merged at read time. */
    record Sources(List<Long> pushedAuthors, List<Long> celebrities, List<Long> groups) {

        List<Long> allAuthors() {
            List<Long> all = new java.util.ArrayList<>(pushedAuthors);
            all.addAll(celebrities);
            return all;
        }
    }

    Sources sources(long readerId, Supplier<Sources> load) {
        return cache.getInCollection(SOURCES, Long.toString(readerId), sourcesOf(readerId), Sources.class, load);
    }

    /**
     * The newest ids (at most {@link #RECENT_POSTS}, newest first) of each merged source, keyed
     * {@code a<author>} or {@code g<group>}.
     */
    Map<String, List<Long>> recent(List<String> sources, Function<List<String>, Map<String, List<Long>>> load) {
        return cache.getAllInCollections(RECENT, sources, FeedCache::collectionOf, IDS.getType(), load);
    }

    static String authorSource(long authorId) {
        return "a" + authorId;
    }

    static String groupSource(long groupId) {
        return "g" + groupId;
    }

    /** States that an activity was posted or deleted by an author (and in a group); after the commit. */
    void postsChanged(long authorId, @Nullable Long groupId) {
        versions.changed(collectionOf(authorSource(authorId)));
        if (groupId != null) {
            versions.changed(collectionOf(groupSource(groupId)));
        }
    }

    /** States that a reader's sources changed (a follow, an unfollow; an author crossing the celebrity threshold). */
    void sourcesChanged(long readerId) {
        versions.changed(sourcesOf(readerId));
    }

    @EventListener
    void on(GroupJoined event) {
        sourcesChanged(event.userId());
    }

    @EventListener
    void on(GroupLeft event) {
        sourcesChanged(event.userId());
    }

    private static String sourcesOf(long readerId) {
        return "feed-sources:" + readerId;
    }

    private static String collectionOf(String source) {
        return source.charAt(0) == 'a' ? "posts:" + source.substring(1) : "group-posts:" + source.substring(1);
    }
}
