package app.fitsocial.platform.web.conditional;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

import app.fitsocial.platform.web.ProblemException;

/**
 * The {@code If-Match} precondition of a {@code PATCH} or {@code PUT}, as a controller argument.
 * The write calls {@link #check} with the resource's current representation (the body a
 * {@code GET} of it returns) while it holds the row lock, so that checking and writing are one
 * step: a client that sends the tag of what it last read either changes exactly that, or gets 412.
 * Without the header, {@link #check} passes; {@code *} passes for any existing resource
 * (RFC 9110 section 13.1.1).
 */
public final class IfMatch {

    private final @Nullable String header;
    private final String scope;
    private final JsonMapper json;

    IfMatch(@Nullable String header, String scope, JsonMapper json) {
        this.header = header;
        this.scope = scope;
        this.json = json;
    }

    /** Throws a 412 problem unless the current representation carries one of the tags the client sent. */
    public void check(Object currentRepresentation) {
        if (header == null) {
            return;
        }
        var current = RepresentationTag.of(scope, json.writeValueAsBytes(currentRepresentation));
        if (!RepresentationTag.matches(header, current)) {
            throw new ProblemException(HttpStatus.PRECONDITION_FAILED, "precondition-failed", "Precondition failed",
                    "The resource has changed since the version named in If-Match; fetch it again and retry");
        }
    }
}
