package app.fitsocial.classes;

import java.time.Instant;

/** A booking with a summary of its class. */
record BookingResponse(long id, BookedClass fitnessClass, Instant createdAt) {

    record BookedClass(long id, String title, ClassType type, Instant datetime, int durationMinutes, String city,
            ClassResponse.ProviderRef provider) {
    }
}
