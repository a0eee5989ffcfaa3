package app.fitsocial.platform.web.conditional;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ETag;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.modulith.NamedInterface;

import app.fitsocial.platform.versions.Version;
import app.fitsocial.platform.versions.Versions;

/**
 * The preconditions of a {@code PATCH}, {@code PUT} or {@code DELETE} ({@code If-Match},
 * {@code If-Unmodified-Since}, {@code If-None-Match}), as a controller argument. The write checks
 * them with the resource as it is under its row lock, so checking and writing are one step: of
 * two clients writing with the tag they both read, exactly one succeeds, the other gets 412.
 * Without preconditions every check passes.
 */
@NamedInterface("conditional")
public final class WritePreconditions {

    private final HttpServletRequest request;
    private final RequestConditions conditions;
    private final Versions versions;
    private final JsonMapper json;
    private final Clock clock;

    WritePreconditions(HttpServletRequest request, Versions versions, JsonMapper json, Clock clock) {
        this.request = request;
        this.conditions = RequestConditions.of(request);
        this.versions = versions;
        this.json = json;
        this.clock = clock;
    }

    /**
     * For a {@link VersionTagged} resource (whose GET answers at {@code request}'s path): checks
     * against the tag of its representation at {@code version}, the row's version under the lock.
     * {@code If-Unmodified-Since} is checked against the shared version's time, and fails when that
     * version is not the row's (the writer before this one has not finished publishing it).
     *
     * @throws app.fitsocial.platform.web.ProblemException 412 when a precondition fails
     */
    public void checkVersion(String resource, long version) {
        if (conditions.isEmpty()) {
            return;
        }
        ETag etag = RepresentationTags.ofVersion(request, resource, version);
        Long lastModified = null;
        boolean known = true;
        if (conditions.ifUnmodifiedSince() != null) {
            Map<String, Version> found = versions.read(List.of(resource)).await();
            Version stored = found == null ? null : found.get(resource);
            known = stored != null && stored.number() == version;
            lastModified = known ? stored.lastModified() : null;
        }
        check(new CurrentRepresentation(true, etag, lastModified, known));
    }

    /**
     * For a resource whose GET is tagged by content: checks against the tag of {@code representation},
     * the body its GET would answer now, which has no modification date.
     */
    public void checkContent(Object representation) {
        if (!conditions.isEmpty()) {
            check(CurrentRepresentation.tagged(RepresentationTags.ofContent(json.writeValueAsBytes(representation))));
        }
    }

    /** For an existing resource without a representation of its own: only {@code *} can match it. */
    public void checkExists() {
        if (!conditions.isEmpty()) {
            check(CurrentRepresentation.untagged());
        }
    }

    /**
     * For a resource a {@code DELETE} finds absent (an idempotent repeat): {@code If-Match} can match
     * nothing, {@code If-None-Match: *} holds.
     */
    public void checkAbsent() {
        if (!conditions.isEmpty()) {
            check(new CurrentRepresentation(false, null, null, true));
        }
    }

    /** {@link #checkExists()} or {@link #checkAbsent()}. */
    public void checkExists(boolean exists) {
        if (exists) {
            checkExists();
        }
        else {
            checkAbsent();
        }
    }

    private void check(CurrentRepresentation current) {
        if (Preconditions.evaluate(conditions, current, false, clock.instant()) != Preconditions.Outcome.PROCEED) {
            throw Validators.preconditionFailed();
        }
    }
}
