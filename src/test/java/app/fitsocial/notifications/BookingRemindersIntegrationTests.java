package app.fitsocial.notifications;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Booking reminders through the API and the reminder job: one reminder per booking, created
 * once, an hour before the class, with a delivery queued; none for a cancelled booking, and a
 * reminder withdrawn when its booking is cancelled.
 */
class BookingRemindersIntegrationTests extends IntegrationTestSupport {

    @Autowired
    private BookingReminders reminders;

    private long book(TestUser user, Instant classTime) {
        long classId = newClass(newProvider(null, "Reminderville"), classTime, 10);
        ApiResponse booked = api().post("/api/v1/classes/" + classId + "/bookings", user.token(), null);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        long bookingId = booked.json().path("id").asLong();
        await("the booking's reminder is scheduled", () -> scheduled(bookingId) == 1);
        return bookingId;
    }

    private static Instant inMinutes(int minutes) {
        return Instant.now().plus(minutes, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    }

    private long scheduled(long bookingId) {
        return jdbc.sql("SELECT count(*) FROM booking_reminders WHERE booking_id = :b").param("b", bookingId)
                .query(Long.class).single();
    }

    private long reminderCount(long bookingId) {
        return jdbc.sql("SELECT count(*) FROM notifications WHERE source_key = :k")
                .param("k", BookingReminders.sourceKey(bookingId)).query(Long.class).single();
    }

    private long queuedForDelivery(long bookingId) {
        return jdbc.sql("""
                SELECT count(*) FROM notification_outbox o JOIN notifications n ON n.id = o.notification_id
                WHERE n.source_key = :k""").param("k", BookingReminders.sourceKey(bookingId)).query(Long.class).single();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }

    @Test
    void aBookedClassWithinTheHourGetsExactlyOneReminder() {
        TestUser member = newUser();
        ApiResponse before = api().get("/api/v1/notifications", member.token());
        long soon = book(member, inMinutes(30));
        long later = book(member, inMinutes(180));

        reminders.run();
        reminders.run();

        assertThat(reminderCount(soon)).isEqualTo(1);
        assertThat(queuedForDelivery(soon)).isEqualTo(1);
        assertThat(reminderCount(later)).as("not due for another two hours").isZero();
        assertThat(scheduled(later)).isEqualTo(1);

        ApiResponse after = api().send(api().request("/api/v1/notifications", member.token())
                .header("If-None-Match", before.header("ETag").orElseThrow()));
        assertThat(after.status()).as("the job's write changes the list's ETag").isEqualTo(200);
        var reminder = after.json().path("items").get(0);
        assertThat(reminder.path("type").asString()).isEqualTo("BOOKING_REMINDER");
        assertThat(reminder.path("text").asString()).startsWith("Reminder: Class-").matches(".* starts in (29|30) minutes");

        // the booking event delivered again (as after a crash) schedules nothing new
        jdbc.sql("DELETE FROM booking_reminders WHERE booking_id = :b").param("b", soon).update();
        jdbc.sql("""
                INSERT INTO booking_reminders (booking_id, user_id, class_id, class_title, class_datetime, remind_at)
                SELECT :b, :u, 0, 'again', now() + interval '30 minutes', now()""")
                .param("b", soon).param("u", member.id()).update();
        reminders.run();
        assertThat(reminderCount(soon)).isEqualTo(1);
    }

    @Test
    void aCancelledBookingGetsNoReminderAndLosesOneAlreadyCreated() {
        TestUser member = newUser();
        long cancelledEarly = book(member, inMinutes(40));
        assertThat(api().delete("/api/v1/bookings/" + cancelledEarly, member.token()).status()).isEqualTo(204);
        await("the cancellation reached the reminders", () -> jdbc.sql(
                "SELECT cancelled FROM booking_reminders WHERE booking_id = :b").param("b", cancelledEarly)
                .query(Boolean.class).single());

        long cancelledLate = book(member, inMinutes(20));
        reminders.run();
        assertThat(reminderCount(cancelledEarly)).isZero();
        assertThat(reminderCount(cancelledLate)).isEqualTo(1);

        assertThat(api().delete("/api/v1/bookings/" + cancelledLate, member.token()).status()).isEqualTo(204);
        await("the reminder is withdrawn", () -> reminderCount(cancelledLate) == 0);
        assertThat(queuedForDelivery(cancelledLate)).isZero();
        reminders.run();
        assertThat(reminderCount(cancelledLate)).as("the tombstone keeps it withdrawn").isZero();
        assertThat(api().get("/api/v1/notifications", member.token()).json().path("items")).isEmpty();
    }

    @Test
    void aClassThatHasStartedGetsNoReminder() {
        TestUser member = newUser();
        long booking = book(member, inMinutes(30));
        jdbc.sql("UPDATE booking_reminders SET class_datetime = now() - interval '1 minute', remind_at = now() - interval '61 minutes' WHERE booking_id = :b")
                .param("b", booking).update();
        reminders.run();
        assertThat(reminderCount(booking)).isZero();
        assertThat(scheduled(booking)).isZero();
    }
}
