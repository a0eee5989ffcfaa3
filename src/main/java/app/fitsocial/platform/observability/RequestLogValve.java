package app.fitsocial.platform.observability;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.ServletException;

import org.apache.catalina.AccessLog;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The request log: one line per request on the {@code app.fitsocial.requests} logger, written by
 * Tomcat once the response is complete, so the duration is the whole exchange and the bytes are
 * those sent on the wire (after compression, without headers). Fields: method, path (without
 * the query string), status, duration in ms, user id (or {@code anonymous}), request id, bytes.
 * As text: {@code GET /api/v1/social/feed 200 12.3 ms user=42 request=… bytes=452}; with Spring
 * Boot's structured logging the same fields are JSON members.
 */
public class RequestLogValve extends ValveBase implements AccessLog {

    /** The request attribute holding the authenticated user's id, set by {@link RequestUserAttributeFilter}. */
    static final String USER_ATTRIBUTE = RequestLogValve.class.getName() + ".user";

    private static final Logger log = LoggerFactory.getLogger("app.fitsocial.requests");

    private final List<PathPattern> excluded;

    public RequestLogValve(List<String> exclude) {
        super(true);
        this.excluded = exclude.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
    }

    @Override
    public void log(Request request, Response response, long time) {
        String path = request.getRequestURI();
        if (path == null || !log.isInfoEnabled() || isExcluded(path)) {
            return;
        }
        Object user = request.getAttribute(USER_ATTRIBUTE);
        String requestId = response.getHeader("X-Request-Id");
        double millis = Math.round(time / 100_000.0) / 10.0;
        long bytes = response.getBytesWritten(false);
        log.atInfo().setMessage("{} {} {} {} ms user={} request={} bytes={}")
                .addArgument(request.getMethod()).addArgument(path).addArgument(response.getStatus())
                .addArgument(millis).addArgument(user == null ? "anonymous" : user)
                .addArgument(requestId == null ? "-" : requestId).addArgument(bytes)
                .addKeyValue("method", request.getMethod()).addKeyValue("uri", path)
                .addKeyValue("status", response.getStatus()).addKeyValue("durationMs", millis)
                .addKeyValue("user", user == null ? "anonymous" : user.toString())
                .addKeyValue("requestId", requestId == null ? "-" : requestId).addKeyValue("bytes", bytes)
                .log();
    }

    private boolean isExcluded(String path) {
        PathContainer container;
        try {
            container = PathContainer.parsePath(path);
        }
        catch (IllegalArgumentException malformed) {
            // a path Tomcat refused (such as an undecodable %ZZ) is logged like any other request
            return false;
        }
        return excluded.stream().anyMatch(pattern -> pattern.matches(container));
    }

    @Override
    public void setRequestAttributesEnabled(boolean enabled) {
    }

    @Override
    public boolean getRequestAttributesEnabled() {
        return false;
    }
}
