package app.fitsocial.social;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import app.fitsocial.IntegrationTestSupport;
import app.fitsocial.groups.GroupDirectory;
import app.fitsocial.identity.UserDirectory;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageQuery;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed stays complete when its timelines cannot help: Redis unreachable (a port where nothing
 * listens), and pages that reach below a timeline's cap. Real PostgreSQL and real Redis clients.
 */
class FeedResilienceIntegrationTests extends IntegrationTestSupport {

    @Autowired
    private ActivityQueries activities;

    @Autowired
    private FollowGraph follows;

    @Autowired
    private UserDirectory users;

    @Autowired
    private GroupDirectory groups;

    @Autowired
    private StringRedisTemplate redis;

    @Autowired
    private FeedService feedService;

    @Autowired
    private FeedCache feedCache;

    private FeedService feedWith(StringRedisTemplate template, int timelineSize) {
        FeedSettings settings = new FeedSettings(timelineSize, 5, Duration.ofDays(7), Duration.ofHours(1), 2000, Duration.ofSeconds(1));
        FeedTimelines timelines = new FeedTimelines(template, settings, java.time.Clock.systemUTC());
        return new FeedService(jdbc, timelines, feedCache, activities, follows, users, groups, settings);
    }

    private List<Long> postMany(TestUser author, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(postActivity(author, "Post " + i));
        }
        return ids;
    }

    private static List<Long> allPages(FeedService feed, long readerId, int limit) {
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        do {
            CursorPage<ActivityResponse> page = feed.feed(readerId, new PageQuery(limit, cursor),
                    app.fitsocial.platform.web.fields.FieldSelection.ALL);
            page.items().forEach(item -> seen.add(item.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return seen;
    }

    @Test
    void answersFromPostgreSqlWhenRedisIsUnreachable() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        var factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", deadPort),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(500)).build());
        factory.afterPropertiesSet();
        try {
            TestUser reader = newUser();
            TestUser author = newUser();
            follow(reader, author);
            List<Long> posted = postMany(author, 4);
            java.util.Collections.reverse(posted);

            List<Long> seen = allPages(feedWith(new StringRedisTemplate(factory), 800), reader.id(), 3);

            assertThat(seen).containsExactlyElementsOf(posted)
                    .containsExactlyElementsOf(feedService.referenceFeed(reader.id(), Long.MAX_VALUE, 10));
        }
        finally {
            factory.destroy();
        }
    }

    @Test
    void pagesBelowTheTimelineCapComeFromPostgreSql() {
        TestUser reader = newUser();
        TestUser author = newUser();
        follow(reader, author);
        List<Long> posted = postMany(author, 25);
        java.util.Collections.reverse(posted);
        FeedService smallTimelines = feedWith(redis, 10);
        redis.delete(FeedTimelines.key(reader.id()));

        List<Long> seen = allPages(smallTimelines, reader.id(), 4);

        assertThat(redis.opsForZSet().zCard(FeedTimelines.key(reader.id()))).isEqualTo(11); // 10 ids + sentinel
        assertThat(seen).hasSize(25).containsExactlyElementsOf(posted);
    }
}
