package app.fitsocial.platform.web;

import java.net.URI;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error dispatches (an exception escaping a filter, a
 * {@code sendError} outside Spring MVC) with the same problem details as every other error,
 * instead of Boot's default body; {@link ProblemWriter} writes them. An unknown path is not one of
 * these: Spring MVC raises {@code NoResourceFoundException}, answered by {@link ApiExceptionHandler}.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) {
            // a client asking for the error path itself, not an error dispatch: nothing is there
            ProblemDetail problem = ProblemException.ofStatus(HttpStatus.NOT_FOUND,
                    "There is no resource at " + request.getRequestURI());
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        }
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String detail = switch (status) {
            case NOT_FOUND -> "There is no resource at " + path;
            case INTERNAL_SERVER_ERROR -> "An unexpected error occurred; it has been logged";
            default -> status.getReasonPhrase();
        };
        ProblemDetail problem = ProblemException.ofStatus(status, detail);
        if (path != null) {
            problem.setInstance(URI.create(path.toString()));
        }
        return ResponseEntity.status(status).body(problem);
    }
}
