package app.fitsocial.reviews;

import org.springframework.http.HttpStatus;

import app.fitsocial.platform.web.ProblemException;

/** The problems the review endpoints answer with. */
final class ReviewExceptions {

    private ReviewExceptions() {
    }

    static final class NotAttended extends ProblemException {
        NotAttended(long classId) {
            super(HttpStatus.FORBIDDEN, "not-attended", "Class not attended",
                    "You can review class " + classId + " only after attending it");
        }
    }

    static final class AlreadyReviewed extends ProblemException {
        AlreadyReviewed(long classId) {
            super(HttpStatus.CONFLICT, "already-reviewed", "Already reviewed",
                    "You have already reviewed class " + classId + "; edit that review instead");
        }
    }

    static final class NotAuthor extends ProblemException {
        NotAuthor(long reviewId) {
            super(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Review " + reviewId + " is not yours");
        }
    }
}
