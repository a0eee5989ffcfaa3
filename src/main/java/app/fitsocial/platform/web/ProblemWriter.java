package app.fitsocial.platform.web;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem detail (RFC 9457) straight to a servlet response, for code that answers before
 * Spring MVC's content negotiation could (a filter refusing a request whose {@code Accept}
 * admits no JSON): always {@code application/problem+json}, UTF-8, with its length.
 */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    /** Writes the problem, with the request's path as its {@code instance} unless it names one, as every other problem has. */
    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(request.getRequestURI()));
        }
        byte[] body = json.writeValueAsBytes(problem);
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
