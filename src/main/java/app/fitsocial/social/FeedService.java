package app.fitsocial.social;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import app.fitsocial.groups.GroupDirectory;
import app.fitsocial.identity.UserDirectory;
import app.fitsocial.platform.web.Cursor;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageQuery;
import app.fitsocial.platform.web.fields.FieldSelection;

/**
 * The home feed: the reader's own activity, that of everyone they follow and of every group they
 * belong to, newest first. See {@code docs/feed.md}.
 * <ul>
 * <li>Ordinary authors' posts come from the reader's precomputed Redis timeline, pushed on write.</li>
 * <li>Posts of celebrities (many followers) and of groups are merged in at read time, from the
 * newest ids of each such source ({@link FeedCache}), so a write never fans out to an unbounded
 * audience.</li>
 * <li>A missing timeline is rebuilt from PostgreSQL before answering; past the timeline's cap,
 * and whenever Redis fails, the page comes from PostgreSQL alone. The answer is never partial.</li>
 * <li>A page is put together on every read from parts that are each current (the sources, the
 * timeline, the activities, the authors' names, the reader's likes), so when they are all cached
 * it costs no SQL and is still exact.</li>
 * </ul>
 */
@Service
class FeedService {

    private static final Logger log = LoggerFactory.getLogger(FeedService.class);

    private final JdbcClient jdbc;
    private final FeedTimelines timelines;
    private final FeedCache cache;
    private final ActivityQueries activities;
    private final FollowGraph follows;
    private final UserDirectory users;
    private final GroupDirectory groups;
    private final FeedSettings settings;

    FeedService(JdbcClient jdbc, FeedTimelines timelines, FeedCache cache, ActivityQueries activities,
            FollowGraph follows, UserDirectory users, GroupDirectory groups, FeedSettings settings) {
        this.jdbc = jdbc;
        this.timelines = timelines;
        this.cache = cache;
        this.activities = activities;
        this.follows = follows;
        this.users = users;
        this.groups = groups;
        this.settings = settings;
    }

    /** A page of the reader's feed. */
    CursorPage<ActivityResponse> feed(long readerId, PageQuery page, FieldSelection fields) {
        long before = page.cursor() == null ? Long.MAX_VALUE : Cursor.decodeId(page.cursor());
        int wanted = page.fetchSize();
        FeedCache.Sources sources = sources(readerId);
        List<Long> ids;
        List<Long> timeline = timelinePage(readerId, sources, before, wanted);
        if (timeline == null) {
            ids = newest(sources.allAuthors(), sources.groups(), before, wanted);
        }
        else {
            ids = NewestIds.merge(timeline, merged(sources, before, wanted), wanted);
        }
        return CursorPage.of(ids, page, Cursor::ofId).mapItems(kept -> activities.hydrate(kept, readerId, fields));
    }

    /** The feed computed from PostgreSQL alone: the reference the timelines must agree with. */
    List<Long> referenceFeed(long readerId, long before, int count) {
        FeedCache.Sources sources = loadSources(readerId);
        return newest(sources.allAuthors(), sources.groups(), before, count);
    }

    FeedCache.Sources sources(long readerId) {
        return cache.sources(readerId, () -> loadSources(readerId));
    }

    private FeedCache.Sources loadSources(long readerId) {
        List<Long> following = follows.followingOf(readerId);
        Set<Long> celebrities = users.withFollowersAtLeast(following, settings.celebrityThreshold());
        List<Long> pushed = new ArrayList<>();
        pushed.add(readerId);
        following.stream().filter(id -> !celebrities.contains(id)).forEach(pushed::add);
        return new FeedCache.Sources(pushed, List.copyOf(celebrities), groups.groupsOf(readerId));
    }

    /**
     * Up to {@code wanted} ids below {@code before} from the sources merged at read time, from
     * their cached newest ids; from PostgreSQL when the page reaches below what is kept.
     */
    private List<Long> merged(FeedCache.Sources sources, long before, int wanted) {
        List<String> keys = new ArrayList<>();
        sources.celebrities().forEach(id -> keys.add(FeedCache.authorSource(id)));
        sources.groups().forEach(id -> keys.add(FeedCache.groupSource(id)));
        if (keys.isEmpty()) {
            return List.of();
        }
        Map<String, List<Long>> recent = cache.recent(keys, this::loadRecent);
        // only a source's newest `wanted` below the cursor can make the page
        List<List<Long>> candidates = new ArrayList<>(recent.size());
        for (List<Long> newest : recent.values()) {
            List<Long> below = NewestIds.below(newest, before, wanted);
            if (newest.size() >= FeedCache.RECENT_POSTS && below.size() < wanted) {
                // this source has more below what is kept
                return newest(sources.celebrities(), sources.groups(), before, wanted);
            }
            candidates.add(below);
        }
        return NewestIds.merge(candidates, wanted);
    }

    /** The newest ids of each source, one statement for the authors and one for the groups. */
    private Map<String, List<Long>> loadRecent(List<String> keys) {
        Map<String, List<Long>> recent = new HashMap<>();
        keys.forEach(key -> recent.put(key, new ArrayList<>()));
        newestOfEach("author_id", keys, 'a', recent);
        newestOfEach("group_id", keys, 'g', recent);
        return recent;
    }

    /** Adds the newest ids of the sources of one kind (author or group) among {@code keys} to {@code recent}. */
    private void newestOfEach(String column, List<String> keys, char kind, Map<String, List<Long>> recent) {
        Long[] sources = keys.stream().filter(k -> k.charAt(0) == kind).map(k -> Long.valueOf(k.substring(1)))
                .toArray(Long[]::new);
        if (sources.length == 0) {
            return;
        }
        jdbc.sql("""
                SELECT s.source, a.id FROM unnest(:sources) AS s(source)
                CROSS JOIN LATERAL (SELECT id FROM activities WHERE %s = s.source ORDER BY id DESC LIMIT :n) a
                ORDER BY s.source, a.id DESC""".formatted(column))
                .param("sources", sources).param("n", FeedCache.RECENT_POSTS)
                .query(rs -> {
                    recent.get(String.valueOf(kind) + rs.getLong("source")).add(rs.getLong("id"));
                });
    }

    /** The timeline part of a page, or null when it must come from PostgreSQL alone because Redis failed. */
    private @Nullable List<Long> timelinePage(long readerId, FeedCache.Sources sources, long before, int wanted) {
        FeedTimelines.Slice slice;
        try {
            slice = timelines.page(readerId, before, wanted);
        }
        catch (DataAccessException redisFailure) {
            log.warn("Feed timeline unavailable, answering from PostgreSQL: {}", redisFailure.getMessage());
            return null;
        }
        if (slice == null) {
            List<Long> rebuilt = newest(sources.pushedAuthors(), List.of(), Long.MAX_VALUE, settings.timelineSize());
            try {
                timelines.store(readerId, rebuilt, rebuilt.size() >= settings.timelineSize());
            }
            catch (DataAccessException redisFailure) {
                log.warn("Could not store the rebuilt timeline of user {}: {}", readerId, redisFailure.getMessage());
            }
            List<Long> below = rebuilt.stream().filter(id -> id < before).limit(wanted).toList();
            if (below.size() < wanted && rebuilt.size() >= settings.timelineSize()) {
                // a deep cursor: the page reaches below what the rebuilt timeline keeps
                return newest(sources.pushedAuthors(), List.of(), before, wanted);
            }
            return below;
        }
        if (slice.ids().size() < wanted && slice.truncated()) {
            // the page reaches below the oldest entry of a timeline that is exact only down to it
            return newest(sources.pushedAuthors(), List.of(), before, wanted);
        }
        return slice.ids();
    }

    /** Newest activity ids by any of the authors or in any of the groups, below an id. One statement. */
    private List<Long> newest(List<Long> authors, List<Long> groupIds, long before, int count) {
        if (authors.isEmpty() && groupIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT id FROM activities
                WHERE (author_id = ANY(:authors) OR group_id = ANY(:groups)) AND id < :before
                ORDER BY id DESC LIMIT :count""")
                .param("authors", authors.toArray(Long[]::new)).param("groups", groupIds.toArray(Long[]::new))
                .param("before", before).param("count", count)
                .query(Long.class).list();
    }
}
