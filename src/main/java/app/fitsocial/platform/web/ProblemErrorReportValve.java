package app.fitsocial.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * The answer Tomcat writes itself for requests it refuses before Spring sees them (a request
 * line with characters HTTP does not allow, a malformed header, an undecodable path): the same
 * {@code application/problem+json} body as every other error of the service, in place of
 * Tomcat's HTML page. Never a stack trace or a server version.
 */
class ProblemErrorReportValve extends ErrorReportValve {

    ProblemErrorReportValve() {
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
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status == 400 ? "The request is malformed (for example, characters not allowed in a URL)"
                : title;
        String body = "{\"type\":\"" + ProblemException.typeOf(HttpStatus.valueOf(status)) + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            // a known length: Tomcat then compresses only above its threshold, like every other answer
            response.setContentLength(body.getBytes(StandardCharsets.UTF_8).length);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException ignored) {
            // the client is gone or the response cannot take a body: nothing more to do
        }
    }
}
