package app.fitsocial.identity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.annotations.Recurring;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import app.fitsocial.platform.jobs.JobRuns;
import app.fitsocial.platform.versions.Versions;

/**
 * The followers-count folding job: every {@code fitsocial.jobs.followers-count-folding-interval}
 * (5 s) adds the deferred follows and unfollows of popular users ({@link FollowCounters}) to
 * their {@code followersCount}, raising their profile versions and publishing a
 * {@link FollowersCountChanged} for each changed count.
 * <p>
 * Each transaction takes up to {@code foldBatch} deltas ({@code FOR UPDATE SKIP LOCKED}, so
 * overlapping runs on several instances take disjoint deltas), deletes them and updates each
 * user's row once; a run repeats until fewer than a batch remain. Deltas and counts change in
 * the same transaction, so a crash loses or doubles nothing.
 */
@Component
public class FollowersCountFolding {

    static final String JOB_ID = "followers-count-folding";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Versions versions;
    private final ApplicationEventPublisher events;
    private final FollowersCountSettings settings;
    private final JobRuns.Measured runs;

    FollowersCountFolding(JdbcClient jdbc, TransactionTemplate transactions, Versions versions,
            ApplicationEventPublisher events, FollowersCountSettings settings, JobRuns runs) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.versions = versions;
        this.events = events;
        this.settings = settings;
        this.runs = runs.of(JOB_ID);
    }

    /** Folds every pending delta; returns how many. */
    @Recurring(id = JOB_ID, interval = "${fitsocial.jobs.followers-count-folding-interval:PT5S}")
    @Job(name = "Fold the deferred followers counts of popular users")
    public int run() {
        return runs.run(() -> {
            int folded = 0;
            int taken;
            do {
                taken = transactions.execute(status -> foldBatch());
                folded += taken;
            }
            while (taken == settings.foldBatch());
            return folded;
        });
    }

    private int foldBatch() {
        Map<Long, Long> sums = new HashMap<>();
        int[] taken = { 0 };
        jdbc.sql("""
                DELETE FROM follower_count_deltas WHERE id IN (
                    SELECT id FROM follower_count_deltas ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED)
                RETURNING user_id, delta""")
                .param("batch", settings.foldBatch())
                .query(rs -> {
                    sums.merge(rs.getLong("user_id"), (long) rs.getInt("delta"), Long::sum);
                    taken[0]++;
                });
        sums.values().removeIf(sum -> sum == 0);
        if (sums.isEmpty()) {
            return taken[0];
        }
        record Folded(long id, long version, long followers) {
        }
        List<Long> ids = List.copyOf(sums.keySet());
        List<Folded> folded = jdbc.sql("""
                UPDATE users u SET followers_count = u.followers_count + s.delta, version = u.version + 1
                FROM unnest(:ids, :deltas) AS s(id, delta) WHERE u.id = s.id
                RETURNING u.id, u.version, u.followers_count""")
                .param("ids", ids.toArray(Long[]::new))
                .param("deltas", ids.stream().map(sums::get).toArray(Long[]::new))
                .query((rs, n) -> new Folded(rs.getLong("id"), rs.getLong("version"), rs.getLong("followers_count")))
                .list();
        for (Folded user : folded) {
            versions.changed(PublicProfiles.resource(user.id()), user.version());
            events.publishEvent(new FollowersCountChanged(user.id(), user.followers() - sums.get(user.id()), user.followers()));
        }
        return taken[0];
    }
}
