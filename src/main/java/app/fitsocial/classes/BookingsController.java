package app.fitsocial.classes;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import app.fitsocial.platform.security.CurrentUser;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageLimit;
import app.fitsocial.platform.web.PageQuery;
import app.fitsocial.platform.web.conditional.WritePreconditions;

@RestController
@RequestMapping("/api/v1")
class BookingsController {

    private final BookingService bookings;

    BookingsController(BookingService bookings) {
        this.bookings = bookings;
    }

    @ResponseStatus(HttpStatus.CREATED) // what the document says; the ResponseEntity sets it too
    @Operation(operationId = "bookClass")
    @PostMapping("/classes/{classId}/bookings")
    ResponseEntity<BookingResponse> book(CurrentUser me, @PathVariable long classId) {
        BookingResponse booking = bookings.book(me.id(), classId);
        var location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/bookings/{id}").buildAndExpand(booking.id()).toUri();
        return ResponseEntity.created(location).body(booking);
    }

    @Operation(operationId = "cancelBooking")
    @DeleteMapping("/bookings/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void cancel(CurrentUser me, @PathVariable long id, WritePreconditions preconditions) {
        bookings.cancel(me.id(), id, preconditions);
    }

    @Operation(operationId = "listMyBookings")
    @GetMapping("/users/me/bookings")
    CursorPage<BookingResponse> myBookings(CurrentUser me, @RequestParam(defaultValue = "true") boolean upcoming,
            @PageLimit(PageLimit.Size.HEAVY) PageQuery page) {
        return bookings.myBookings(me.id(), upcoming, page);
    }
}
