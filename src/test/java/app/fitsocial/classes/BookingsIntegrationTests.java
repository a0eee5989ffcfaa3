package app.fitsocial.classes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import app.fitsocial.ApiResponse;
import app.fitsocial.IntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

class BookingsIntegrationTests extends IntegrationTestSupport {

    private int spotsLeft(long classId) {
        return api().get("/api/v1/classes/" + classId, null).json().path("spotsLeft").asInt();
    }

    private long bookingRows(long classId) {
        return jdbc.sql("SELECT count(*) FROM bookings WHERE class_id = :id").param("id", classId)
                .query(Long.class).single();
    }

    @Test
    void booksASpot() {
        long classId = newClass(newProvider(null, "Kyiv"), inDays(2), 5);
        TestUser user = newUser();

        ApiResponse response = api().post("/api/v1/classes/" + classId + "/bookings", user.token(), null);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().path("id").isNumber()).isTrue();
        assertThat(response.json().path("fitnessClass").path("id").asLong()).isEqualTo(classId);
        assertThat(response.header("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith("/api/v1/bookings/" + response.json().path("id").asLong()));
        assertThat(spotsLeft(classId)).isEqualTo(4);
    }

    @Test
    void bookingTwiceIsAConflict() {
        long classId = newClass(newProvider(null, "Kyiv"), inDays(2), 5);
        TestUser user = newUser();
        api().post("/api/v1/classes/" + classId + "/bookings", user.token(), null);
        assertProblem(api().post("/api/v1/classes/" + classId + "/bookings", user.token(), null), 409, "already-booked");
        assertThat(spotsLeft(classId)).isEqualTo(4);
    }

    @Test
    void aFullClassIsAConflict() {
        long classId = newClass(newProvider(null, "Kyiv"), inDays(2), 1);
        assertThat(api().post("/api/v1/classes/" + classId + "/bookings", newUser().token(), null).status()).isEqualTo(201);
        assertProblem(api().post("/api/v1/classes/" + classId + "/bookings", newUser().token(), null), 409, "class-full");
        assertThat(bookingRows(classId)).isEqualTo(1);
    }

    @Test
    void aPastClassCannotBeBooked() {
        long classId = newClass(newProvider(null, "Kyiv"), inDays(-1), 5);
        assertProblem(api().post("/api/v1/classes/" + classId + "/bookings", newUser().token(), null), 400,
                "class-in-past");
    }

    @Test
    void bookingAnUnknownClassIsNotFoundAndNeedsAToken() {
        assertProblem(api().post("/api/v1/classes/55555555/bookings", newUser().token(), null), 404, "not-found");
        long classId = newClass(newProvider(null, "Kyiv"), inDays(2), 5);
        assertProblem(api().post("/api/v1/classes/" + classId + "/bookings", null, null), 401, "unauthorized");
    }

    @Test
    void cancellingFreesTheSpot() {
        long classId = newClass(newProvider(null, "Kyiv"), inDays(2), 5);
        TestUser user = newUser();
        long bookingId = api().post("/api/v1/classes/" + classId + "/bookings", user.token(), null).json()
                .path("id").asLong();

        assertThat(api().delete("/api/v1/bookings/" + bookingId, user.token()).status()).isEqualTo(204);
        assertThat(spotsLeft(classId)).isEqualTo(5);
        assertThat(bookingRows(classId)).isZero();
        assertProblem(api().delete("/api/v1/bookings/" + bookingId, user.token()), 404, "not-found");
        // and the spot can be taken again
        assertThat(api().post("/api/v1/classes/" + classId + "/bookings", user.token(), null).status()).isEqualTo(201);
    }

    @Test
    void aBookingOfAClassThatHasStartedCannotBeCancelled() {
        long classId = newClass(newProvider(null, "Kyiv"), inDays(-1), 5);
        TestUser user = newUser();
        attend(user.id(), classId);
        long bookingId = jdbc.sql("SELECT id FROM bookings WHERE user_id = :u").param("u", user.id())
                .query(Long.class).single();
        assertProblem(api().delete("/api/v1/bookings/" + bookingId, user.token()), 400, "class-in-past");
        assertThat(bookingRows(classId)).isEqualTo(1);
        assertFieldError(api().delete("/api/v1/bookings/first", user.token()), "id");
    }

    @Test
    void someoneElsesBookingCannotBeCancelled() {
        long classId = newClass(newProvider(null, "Kyiv"), inDays(2), 5);
        TestUser owner = newUser();
        long bookingId = api().post("/api/v1/classes/" + classId + "/bookings", owner.token(), null).json()
                .path("id").asLong();
        assertProblem(api().delete("/api/v1/bookings/" + bookingId, newUser().token()), 404, "not-found");
        assertThat(bookingRows(classId)).isEqualTo(1);
        assertThat(spotsLeft(classId)).isEqualTo(4);
    }

    @Test
    void listsMyUpcomingBookingsInClassTimeOrder() {
        long provider = newProvider(null, "Kyiv");
        long later = newClass(provider, inDays(5), 5);
        long sooner = newClass(provider, inDays(1), 5);
        long past = newClass(provider, inDays(-2), 5);
        TestUser user = newUser();
        api().post("/api/v1/classes/" + later + "/bookings", user.token(), null);
        api().post("/api/v1/classes/" + sooner + "/bookings", user.token(), null);
        attend(user.id(), past);
        api().post("/api/v1/classes/" + newClass(provider, inDays(3), 5) + "/bookings", newUser().token(), null);

        ApiResponse upcoming = api().get("/api/v1/users/me/bookings?upcoming=true&limit=1", user.token());
        assertThat(upcoming.status()).isEqualTo(200);
        assertThat(upcoming.json().path("items").get(0).path("fitnessClass").path("id").asLong()).isEqualTo(sooner);
        String cursor = upcoming.json().path("nextCursor").asString();
        ApiResponse next = api().get("/api/v1/users/me/bookings?limit=1&cursor=" + cursor, user.token());
        assertThat(next.json().path("items").get(0).path("fitnessClass").path("id").asLong()).isEqualTo(later);
        assertThat(next.json().path("nextCursor").isNull()).isTrue();

        ApiResponse history = api().get("/api/v1/users/me/bookings?upcoming=false", user.token());
        assertThat(history.json().path("items").size()).isEqualTo(1);
        assertThat(history.json().path("items").get(0).path("fitnessClass").path("id").asLong()).isEqualTo(past);

        assertFieldError(api().get("/api/v1/users/me/bookings?upcoming=maybe", user.token()), "upcoming");
        assertFieldError(api().get("/api/v1/users/me/bookings?cursor=xyz", user.token()), "cursor");
        assertProblem(api().get("/api/v1/users/me/bookings", null), 401, "unauthorized");
    }

    @Test
    void twoHundredConcurrentBookingsFillTwentySpotsExactly() throws Exception {
        long classId = newClass(newProvider(null, "Kyiv"), inDays(2), 20);
        List<TestUser> users = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            users.add(newUser());
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(200);
        try {
            for (TestUser user : users) {
                Callable<Integer> booking = () -> {
                    start.await();
                    return api().post("/api/v1/classes/" + classId + "/bookings", user.token(), null).status();
                };
                results.add(pool.submit(booking));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(20);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(180);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(bookingRows(classId)).isEqualTo(20);
        assertThat(spotsLeft(classId)).isZero();
    }

    @Test
    void concurrentCancelAndBookKeepSpotsLeftExact() throws Exception {
        long classId = newClass(newProvider(null, "Kyiv"), inDays(2), 5);
        List<TestUser> holders = new ArrayList<>();
        List<Long> bookingIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TestUser user = newUser();
            holders.add(user);
            bookingIds.add(api().post("/api/v1/classes/" + classId + "/bookings", user.token(), null).json()
                    .path("id").asLong());
        }
        List<TestUser> newcomers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            newcomers.add(newUser());
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(15);
        try {
            List<Future<Integer>> cancels = new ArrayList<>();
            List<Future<ApiResponse>> books = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                TestUser holder = holders.get(i);
                long bookingId = bookingIds.get(i);
                cancels.add(pool.submit(() -> {
                    start.await();
                    return api().delete("/api/v1/bookings/" + bookingId, holder.token()).status();
                }));
            }
            for (TestUser newcomer : newcomers) {
                books.add(pool.submit(() -> {
                    start.await();
                    return api().post("/api/v1/classes/" + classId + "/bookings", newcomer.token(), null);
                }));
            }
            start.countDown();
            for (Future<Integer> cancel : cancels) {
                assertThat(cancel.get()).as("every holder's cancellation").isEqualTo(204);
            }
            int booked = 0;
            for (Future<ApiResponse> book : books) {
                ApiResponse answer = book.get();
                // which newcomers get a freed spot is the race: each either has a booking or is told the class is full
                if (answer.status() == 201) {
                    booked++;
                }
                else {
                    assertProblem(answer, 409, "class-full");
                }
            }
            assertThat(bookingRows(classId)).as("a row for exactly each 201").isEqualTo(booked);
        }
        finally {
            pool.shutdownNow();
        }
        long rows = bookingRows(classId);
        assertThat(rows).isLessThanOrEqualTo(5);
        assertThat(spotsLeft(classId)).isEqualTo(5 - rows);
    }
}
