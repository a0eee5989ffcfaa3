package app.fitsocial.notifications;

import java.time.ZoneOffset;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.annotations.Recurring;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import app.fitsocial.classes.BookingCancelled;
import app.fitsocial.classes.ClassBooked;
import app.fitsocial.platform.jobs.JobRuns;

/**
 * Booking reminders: a BOOKING_REMINDER notification {@code reminderLead} (1 h) before each
 * booked class, exactly once per booking, never for a cancelled one.
 * <ul>
 * <li>A booking schedules its reminder ({@code booking_reminders}); a cancellation marks it
 * cancelled and withdraws a reminder already created. Both listeners upsert, so the booking and
 * cancellation events may arrive in either order, or twice, with the same result.</li>
 * <li>The {@code booking-reminders} job, every minute, turns due reminders into notifications in
 * one statement: it deletes the due rows and inserts their notifications (keyed by booking, so a
 * reminder exists at most once) and outbox rows. A class that has already started gets none.</li>
 * </ul>
 */
@Component
public class BookingReminders {

    static final String JOB_ID = "booking-reminders";
    private static final int BATCH = 5_000;

    private final JdbcClient jdbc;
    private final NotificationDeliverySettings settings;
    private final JobRuns.Measured runs;
    private final TransactionTemplate transaction;

    BookingReminders(JdbcClient jdbc, NotificationDeliverySettings settings, JobRuns runs,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.runs = runs.of(JOB_ID);
        this.transaction = new TransactionTemplate(transactions);
    }

    static String sourceKey(long bookingId) {
        return "reminder:" + bookingId;
    }

    @ApplicationModuleListener
    void on(ClassBooked event) {
        jdbc.sql("""
                INSERT INTO booking_reminders (booking_id, user_id, class_id, class_title, class_datetime, remind_at)
                VALUES (:booking, :user, :class, :title, :datetime, :remindAt)
                ON CONFLICT (booking_id) DO NOTHING""")
                .param("booking", event.bookingId()).param("user", event.userId()).param("class", event.classId())
                .param("title", event.classTitle().length() > 200 ? event.classTitle().substring(0, 200) : event.classTitle())
                .param("datetime", event.classDatetime().atOffset(ZoneOffset.UTC))
                .param("remindAt", event.classDatetime().minus(settings.reminderLead()).atOffset(ZoneOffset.UTC))
                .update();
    }

    @ApplicationModuleListener
    void on(BookingCancelled event) {
        jdbc.sql("""
                INSERT INTO booking_reminders (booking_id, user_id, class_id, class_datetime, remind_at, cancelled)
                VALUES (:booking, :user, :class, :datetime, :datetime, true)
                ON CONFLICT (booking_id) DO UPDATE SET cancelled = true""")
                .param("booking", event.bookingId()).param("user", event.userId()).param("class", event.classId())
                .param("datetime", event.classDatetime().atOffset(ZoneOffset.UTC))
                .update();
        // a reminder already created is withdrawn (and its delivery with it, by cascade)
        jdbc.sql("DELETE FROM notifications WHERE source_key = :key").param("key", sourceKey(event.bookingId()))
                .update();
    }

    /** Creates the due reminders; returns how many. */
    @Recurring(id = JOB_ID, interval = "${fitsocial.jobs.booking-reminders-interval:PT1M}")
    @Job(name = "Create due booking reminders")
    public int run() {
        return runs.run(() -> transaction.execute(status -> createDue()));
    }

    private int createDue() {
        int created = jdbc.sql("""
                WITH due AS (
                    DELETE FROM booking_reminders WHERE booking_id IN (
                        SELECT booking_id FROM booking_reminders WHERE remind_at <= now() AND NOT cancelled
                        ORDER BY remind_at LIMIT :batch FOR UPDATE SKIP LOCKED)
                    RETURNING booking_id, user_id, class_id, class_title, class_datetime),
                created AS (
                    INSERT INTO notifications (user_id, type, subject_id, text, source_key)
                    SELECT user_id, 'BOOKING_REMINDER', class_id,
                           'Reminder: ' || class_title || ' starts in '
                               || greatest(1, ceil(extract(epoch FROM class_datetime - now()) / 60))::int || ' minutes',
                           'reminder:' || booking_id
                    FROM due WHERE class_datetime > now()
                    ON CONFLICT (source_key) DO NOTHING
                    RETURNING id)
                INSERT INTO notification_outbox (notification_id) SELECT id FROM created""")
                .param("batch", BATCH).update();
        // tombstones of cancelled bookings are kept until their class is a day past
        jdbc.sql("DELETE FROM booking_reminders WHERE cancelled AND class_datetime < now() - interval '1 day'").update();
        return created;
    }
}
