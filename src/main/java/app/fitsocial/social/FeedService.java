package app.fitsocial.social;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.fitsocial.groups.GroupDirectory;
import app.fitsocial.identity.UserDirectory;
import app.fitsocial.platform.web.Cursor;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageQuery;

/**
 * The home feed: the reader's own activity, that of everyone they follow and of every group they
 * belong to, newest first. See {@code docs/feed.md}.
 * <ul>
 * <li>Ordinary authors' posts come from the reader's precomputed Redis timeline, pushed on write.</li>
 * <li>Posts of celebrities (many followers) and of groups are merged in at read time from
 * PostgreSQL, so a write never fans out to an unbounded audience.</li>
 * <li>A missing timeline is rebuilt from PostgreSQL before answering; past the timeline's cap,
 * and whenever Redis fails, the page comes from PostgreSQL alone. The answer is never partial.</li>
 * </ul>
 */
@Service
@Transactional(readOnly = true)
class FeedService {

    private static final Logger log = LoggerFactory.getLogger(FeedService.class);

    private final JdbcClient jdbc;
    private final FeedTimelines timelines;
    private final FeedPageCache pages;
    private final ActivityQueries activities;
    private final FollowGraph follows;
    private final UserDirectory users;
    private final GroupDirectory groups;
    private final FeedSettings settings;

    FeedService(JdbcClient jdbc, FeedTimelines timelines, FeedPageCache pages, ActivityQueries activities,
            FollowGraph follows, UserDirectory users, GroupDirectory groups, FeedSettings settings) {
        this.jdbc = jdbc;
        this.pages = pages;
        this.timelines = timelines;
        this.activities = activities;
        this.follows = follows;
        this.users = users;
        this.groups = groups;
        this.settings = settings;
    }

    /** Where a reader's feed comes from: authors pushed to the timeline, authors and groups merged at read time. */
    record Sources(List<Long> pushedAuthors, List<Long> celebrities, List<Long> groups) {

        List<Long> allAuthors() {
            List<Long> all = new ArrayList<>(pushedAuthors);
            all.addAll(celebrities);
            return all;
        }
    }

    CursorPage<ActivityResponse> feed(long readerId, PageQuery page) {
        return pages.page(readerId, page, () -> compute(readerId, page));
    }

    private CursorPage<ActivityResponse> compute(long readerId, PageQuery page) {
        long before = page.cursor() == null ? Long.MAX_VALUE : Cursor.decodeId(page.cursor());
        int wanted = page.fetchSize();
        Sources sources = sources(readerId);
        List<Long> ids;
        List<Long> timeline = timelinePage(readerId, sources, before, wanted);
        if (timeline == null) {
            ids = newest(sources.allAuthors(), sources.groups(), before, wanted);
        }
        else {
            TreeSet<Long> merged = new TreeSet<>(java.util.Comparator.reverseOrder());
            merged.addAll(timeline);
            merged.addAll(newest(sources.celebrities(), sources.groups(), before, wanted));
            ids = merged.stream().limit(wanted).toList();
        }
        return CursorPage.of(ids, page, Cursor::ofId).mapItems(kept -> activities.hydrate(kept, readerId));
    }

    /** The feed computed from PostgreSQL alone: the reference the timelines must agree with. */
    List<Long> referenceFeed(long readerId, long before, int count) {
        Sources sources = sources(readerId);
        return newest(sources.allAuthors(), sources.groups(), before, count);
    }

    Sources sources(long readerId) {
        List<Long> following = follows.followingOf(readerId);
        Set<Long> celebrities = users.withFollowersAtLeast(following, settings.celebrityThreshold());
        List<Long> pushed = new ArrayList<>();
        pushed.add(readerId);
        following.stream().filter(id -> !celebrities.contains(id)).forEach(pushed::add);
        return new Sources(pushed, List.copyOf(celebrities), groups.groupsOf(readerId));
    }

    /** The timeline part of a page, or null when it must come from PostgreSQL alone because Redis failed. */
    private @Nullable List<Long> timelinePage(long readerId, Sources sources, long before, int wanted) {
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
                timelines.store(readerId, rebuilt);
            }
            catch (DataAccessException redisFailure) {
                log.warn("Could not store the rebuilt timeline of user {}: {}", readerId, redisFailure.getMessage());
            }
            return rebuilt.stream().filter(id -> id < before).limit(wanted).toList();
        }
        if (slice.ids().size() < wanted && slice.full()) {
            // the page reaches below the oldest entry the capped timeline kept
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
