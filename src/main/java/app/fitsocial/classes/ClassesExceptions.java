package app.fitsocial.classes;

import org.springframework.http.HttpStatus;

import app.fitsocial.platform.web.ProblemException;

/** The problems the classes and bookings endpoints answer with. */
final class ClassesExceptions {

    private ClassesExceptions() {
    }

    static final class ClassFull extends ProblemException {
        ClassFull(long classId) {
            super(HttpStatus.CONFLICT, "class-full", "Class is full", "Class " + classId + " has no spots left");
        }
    }

    static final class AlreadyBooked extends ProblemException {
        AlreadyBooked(long classId) {
            super(HttpStatus.CONFLICT, "already-booked", "Already booked",
                    "You have already booked class " + classId);
        }
    }

    static final class ClassInPast extends ProblemException {
        ClassInPast(long classId) {
            super(HttpStatus.BAD_REQUEST, "class-in-past", "Class already started",
                    "Class " + classId + " has already started; it can no longer be booked or cancelled");
        }
    }

    static final class NotProviderOwner extends ProblemException {
        NotProviderOwner(long providerId) {
            super(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "You do not manage provider " + providerId);
        }
    }
}
