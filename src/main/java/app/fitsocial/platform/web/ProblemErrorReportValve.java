package app.fitsocial.platform.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatusCode;

/**
 * The answer Tomcat writes itself for requests it refuses before Spring sees them (a request
 * line with characters HTTP does not allow, a malformed header, an undecodable path): the same
 * {@code application/problem+json} body as every other error of the service, written by
 * {@link ProblemWriter}, in place of Tomcat's HTML page. Never a stack trace or a server version.
 */
class ProblemErrorReportValve extends ErrorReportValve {

    private final ProblemWriter problems;

    ProblemErrorReportValve(ProblemWriter problems) {
        this.problems = problems;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatusCode code = HttpStatusCode.valueOf(status);
        String detail = status == 400 ? "The request is malformed or too large (for example, characters not allowed"
                + " in a URL, a header without a colon, a request line or headers over the size limits)"
                : ProblemException.ofStatus(code, "").getTitle();
        try {
            problems.write(request, response, ProblemException.ofStatus(code, detail));
            response.finishResponse();
        }
        catch (IOException | IllegalStateException ignored) {
            // the client is gone or the response cannot take a body: nothing more to do
        }
    }
}
