package app.fitsocial.platform.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Base of every domain error that reaches a client: an RFC 9457 problem with a stable
 * {@code type} URI (one per kind of problem), a human title and a specific detail.
 * Feature modules subclass it once per kind of problem.
 */
public class ProblemException extends ErrorResponseException {

    /** Prefix of every problem {@code type} URI of this service. */
    public static final String TYPE_PREFIX = "https://fitsocial.app/problems/";

    public ProblemException(HttpStatus status, String type, String title, String detail) {
        super(status, problem(status, type, title, detail), null);
    }

    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        return problem;
    }
}
