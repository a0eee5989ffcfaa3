package app.fitsocial.platform.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.modulith.NamedInterface;

/**
 * Base of every domain error that reaches a client: an RFC 9457 problem with a stable
 * {@code type} URI (one per kind of problem), a human title and a specific detail.
 * Feature modules subclass it once per kind of problem.
 */
@NamedInterface("web")
public class ProblemException extends ErrorResponseException {

    /** Prefix of every problem {@code type} URI of this service. */
    public static final String TYPE_PREFIX = "https://fitsocial.app/problems/";

    public ProblemException(HttpStatus status, String type, String title, String detail) {
        super(status, problem(status, type, title, detail), null);
    }

    protected ProblemException(ProblemDetail problem) {
        super(HttpStatusCode.valueOf(problem.getStatus()), problem, null);
    }

    public static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        return problem;
    }

    /** A problem that is nothing more than its status: its {@link #typeOf type}, the status's reason phrase as title. */
    static ProblemDetail ofStatus(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(typeOf(status));
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        return problem;
    }

    /** The {@code type} of a problem that is nothing more than its status: {@code .../not-found}, {@code .../method-not-allowed}. */
    static URI typeOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        if (known == null) {
            return URI.create(TYPE_PREFIX + "error");
        }
        if (known == HttpStatus.INTERNAL_SERVER_ERROR) {
            return URI.create(TYPE_PREFIX + "internal");
        }
        return URI.create(TYPE_PREFIX + known.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** A 400 {@code validation} problem listing each wrong input in {@code errors[]}. */
    static ProblemDetail validation(List<FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; "));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation", "Invalid input",
                detail.isEmpty() ? "The request is invalid" : detail);
        problem.setProperty("errors", errors);
        return problem;
    }
}
