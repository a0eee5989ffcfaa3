package app.fitsocial.classes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.fitsocial.platform.web.Cursor;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageQuery;
import app.fitsocial.platform.web.ResourceNotFoundException;
import app.fitsocial.platform.web.conditional.WritePreconditions;

/**
 * Booking and cancelling. Capacity is guarded by one conditional {@code UPDATE ... WHERE
 * booked_count < capacity}: PostgreSQL's row lock serialises concurrent bookings of a class,
 * so no interleaving can overbook it (and a CHECK constraint backs this up).
 */
@Service
class BookingService {

    private static final String BOOKING_COLUMNS = """
            SELECT b.id, b.created_at, c.id AS class_id, c.title, c.type, c.datetime, c.duration_minutes, c.city,
                   p.id AS provider_id, p.name AS provider_name
            FROM bookings b
            JOIN fitness_classes c ON c.id = b.class_id
            JOIN providers p ON p.id = c.provider_id
            """;

    private final JdbcClient jdbc;
    private final ClassCache cache;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    BookingService(JdbcClient jdbc, ClassCache cache, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.cache = cache;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    BookingResponse book(long userId, long classId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        record Bookable(String title, Instant datetime) {
        }
        Bookable bookable = jdbc.sql("SELECT title, datetime FROM fitness_classes WHERE id = :id")
                .param("id", classId)
                .query((rs, row) -> new Bookable(rs.getString("title"), ClassQueries.instant(rs, "datetime")))
                .optional()
                .orElseThrow(() -> new ResourceNotFoundException("Class", classId));
        Instant datetime = bookable.datetime();
        if (!datetime.isAfter(now)) {
            throw new ClassesExceptions.ClassInPast(classId);
        }
        boolean alreadyBooked = jdbc.sql("SELECT EXISTS (SELECT 1 FROM bookings WHERE user_id = :user AND class_id = :class)")
                .param("user", userId).param("class", classId).query(Boolean.class).single();
        if (alreadyBooked) {
            throw new ClassesExceptions.AlreadyBooked(classId);
        }
        Long version = jdbc.sql("""
                UPDATE fitness_classes
                SET booked_count = booked_count + 1, version = version + 1, updated_at = :now
                WHERE id = :id AND booked_count < capacity AND datetime > :now
                RETURNING version""")
                .param("id", classId).param("now", ClassQueries.utc(now)).query(Long.class).optional().orElse(null);
        if (version == null) {
            throw new ClassesExceptions.ClassFull(classId);
        }
        Long bookingId = jdbc.sql("""
                INSERT INTO bookings (user_id, class_id, class_datetime, created_at)
                VALUES (:user, :class, :datetime, :now)
                ON CONFLICT (user_id, class_id) DO NOTHING
                RETURNING id""")
                .param("user", userId).param("class", classId)
                .param("datetime", ClassQueries.utc(datetime)).param("now", ClassQueries.utc(now))
                .query(Long.class).optional().orElse(null);
        if (bookingId == null) {
            // a concurrent request of the same user won; this transaction's increment rolls back
            throw new ClassesExceptions.AlreadyBooked(classId);
        }
        cache.changed(classId, version);
        events.publishEvent(new ClassBooked(bookingId, userId, classId, bookable.title(), datetime));
        return jdbc.sql(BOOKING_COLUMNS + " WHERE b.id = :id").param("id", bookingId)
                .query(BookingService::toBooking).single();
    }

    /** Cancels the caller's own booking; someone else's booking is reported as not found. */
    @Transactional
    void cancel(long userId, long bookingId, WritePreconditions preconditions) {
        record Owned(long userId, long classId, Instant classDatetime) {
        }
        Owned booking = jdbc.sql("SELECT user_id, class_id, class_datetime FROM bookings WHERE id = :id FOR UPDATE")
                .param("id", bookingId)
                .query((rs, row) -> new Owned(rs.getLong("user_id"), rs.getLong("class_id"),
                        ClassQueries.instant(rs, "class_datetime")))
                .optional()
                .filter(b -> b.userId() == userId)
                .orElseThrow(() -> new ResourceNotFoundException("Booking", bookingId));
        preconditions.checkExists();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!booking.classDatetime().isAfter(now)) {
            throw new ClassesExceptions.ClassInPast(booking.classId());
        }
        jdbc.sql("DELETE FROM bookings WHERE id = :id").param("id", bookingId).update();
        long version = jdbc.sql("""
                UPDATE fitness_classes
                SET booked_count = booked_count - 1, version = version + 1, updated_at = :now
                WHERE id = :id
                RETURNING version""")
                .param("id", booking.classId()).param("now", ClassQueries.utc(now)).query(Long.class).single();
        cache.changed(booking.classId(), version);
        events.publishEvent(new BookingCancelled(bookingId, userId, booking.classId(), booking.classDatetime()));
    }

    /** The caller's upcoming bookings in class-time order, or past ones most recent first. */
    @Transactional(readOnly = true)
    CursorPage<BookingResponse> myBookings(long userId, boolean upcoming, PageQuery page) {
        var params = new HashMap<String, Object>();
        params.put("user", userId);
        params.put("now", ClassQueries.utc(clock.instant()));
        params.put("limit", page.fetchSize());
        StringBuilder sql = new StringBuilder(BOOKING_COLUMNS).append(" WHERE b.user_id = :user");
        sql.append(upcoming ? " AND b.class_datetime >= :now" : " AND b.class_datetime < :now");
        if (page.cursor() != null) {
            Cursor.TimeId after = Cursor.decodeTime(page.cursor());
            sql.append(upcoming ? " AND (b.class_datetime, b.id) > (:afterTime, :afterId)"
                    : " AND (b.class_datetime, b.id) < (:afterTime, :afterId)");
            params.put("afterTime", ClassQueries.utc(after.time()));
            params.put("afterId", after.id());
        }
        sql.append(upcoming ? " ORDER BY b.class_datetime, b.id" : " ORDER BY b.class_datetime DESC, b.id DESC");
        sql.append(" LIMIT :limit");
        List<BookingResponse> rows = jdbc.sql(sql.toString()).params(params).query(BookingService::toBooking).list();
        return CursorPage.of(rows, page, row -> Cursor.ofTime(row.fitnessClass().datetime(), row.id()));
    }

    private static BookingResponse toBooking(ResultSet rs, int row) throws SQLException {
        var fitnessClass = new BookingResponse.BookedClass(rs.getLong("class_id"), rs.getString("title"),
                ClassType.valueOf(rs.getString("type")), ClassQueries.instant(rs, "datetime"),
                rs.getInt("duration_minutes"), rs.getString("city"),
                new ClassResponse.ProviderRef(rs.getLong("provider_id"), rs.getString("provider_name")));
        return new BookingResponse(rs.getLong("id"), fitnessClass, ClassQueries.instant(rs, "created_at"));
    }
}
