package app.fitsocial.social;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;

import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The event flow from the social module to notifications, as a Spring Modulith scenario. */
@EnableScenarios
class FollowNotificationScenarioIntegrationTests extends IntegrationTestSupport {

    @Autowired
    private JdbcClient jdbcClient;

    @Autowired
    private FollowService follows;

    private long notificationsOf(long userId) {
        return jdbcClient.sql("SELECT count(*) FROM notifications WHERE user_id = :u AND type = 'NEW_FOLLOWER'")
                .param("u", userId).query(Long.class).single();
    }

    @Test
    void aFollowPublishesUserFollowedAndNotifiesTheFollowee(Scenario scenario) {
        TestUser follower = newUser();
        TestUser followee = newUser();
        scenario.stimulate(() -> follows.follow(follower.id(), followee.id()))
                .andWaitForEventOfType(UserFollowed.class)
                .matching(event -> event.followeeId() == followee.id())
                .toArriveAndVerify(event -> assertThat(event.followerId()).isEqualTo(follower.id()));
        scenario.stimulate(() -> { })
                .andWaitForStateChange(() -> notificationsOf(followee.id()), count -> count > 0)
                .andVerify(count -> assertThat(count).isEqualTo(1));
    }

    @Test
    void completedPublicationsAreRemovedFromTheRegistry() {
        TestUser follower = newUser();
        TestUser followee = newUser();
        api().post("/api/v1/users/" + followee.id() + "/follow", follower.token(), null);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(notificationsOf(followee.id())).isEqualTo(1);
            long kept = jdbcClient.sql("SELECT count(*) FROM event_publication WHERE serialized_event LIKE :needle")
                    .param("needle", "%\"followeeId\":" + followee.id() + "%").query(Long.class).single();
            assertThat(kept).isZero();
        });
    }
}
