package app.fitsocial.platform.security;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The API operations anyone may call without a bearer token: signing up, logging in and
 * refreshing ({@code /api/v1/auth/**}), and reading classes, providers and their ratings (GET
 * and HEAD). Every other operation needs a valid access token. One list, read by the security
 * rules and by the OpenAPI document's security requirements, so the two cannot disagree.
 */
public final class PublicEndpoints {

    static final String AUTH = "/api/v1/auth/**";

    /** What anyone may read (GET, and HEAD, which answers like GET without the body). */
    static final String[] READS = {"/api/v1/classes", "/api/v1/classes/*", "/api/v1/classes/*/rating",
            "/api/v1/providers", "/api/v1/providers/*", "/api/v1/providers/*/rating"};

    private static final PathPattern AUTH_PATTERN = PathPatternParser.defaultInstance.parse(AUTH);
    private static final List<PathPattern> READ_PATTERNS = java.util.Arrays.stream(READS)
            .map(PathPatternParser.defaultInstance::parse).toList();

    private PublicEndpoints() {
    }

    /**
     * Whether an operation is public.
     *
     * @param method the HTTP method
     * @param path a request path or a path template ({@code /api/v1/classes/{id}}: a template
     *        variable matches a {@code *} segment)
     */
    public static boolean isPublic(HttpMethod method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        if (AUTH_PATTERN.matches(container)) {
            return true;
        }
        return (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))
                && READ_PATTERNS.stream().anyMatch(pattern -> pattern.matches(container));
    }
}
