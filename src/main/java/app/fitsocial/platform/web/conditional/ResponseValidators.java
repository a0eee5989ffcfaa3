package app.fitsocial.platform.web.conditional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ETag;

import app.fitsocial.platform.changes.DataVersions;

/**
 * The validators ({@code ETag}, {@code Last-Modified}) of the last 200 each caller got for each
 * URL, kept in Redis with the {@link DataVersions} of every table the response was read from.
 * While none of those has moved, a conditional request is answered from here: no handler, no SQL.
 */
class ResponseValidators {

    private static final String PREFIX = "fitsocial:v1:validator:";

    private final DataVersions versions;
    private final Duration ttl;

    ResponseValidators(DataVersions versions, Duration ttl) {
        this.versions = versions;
        this.ttl = ttl;
    }

    /**
     * The validator of a response: its tag, its last modification in epoch seconds (0 for lists,
     * which carry none) and the stamp of data versions it was computed under.
     */
    record Validator(ETag etag, long lastModified, String stamp) {

        String encode() {
            return etag.formattedTag() + '\t' + lastModified + '\t' + stamp;
        }

        static @Nullable Validator decode(@Nullable String value) {
            if (value == null) {
                return null;
            }
            String[] parts = value.split("\t", 3);
            if (parts.length != 3) {
                return null;
            }
            try {
                return new Validator(ETag.create(parts[0]), Long.parseLong(parts[1]), parts[2]);
            }
            catch (IllegalArgumentException ex) {
                return null;
            }
        }
    }

    /**
     * What is known about a URL before the handler runs: the current data versions, and the
     * stored validator (which may be out of date; {@link #current()} tells).
     */
    record Lookup(DataVersions.Snapshot versions, @Nullable Validator stored) {

        @Nullable Validator current() {
            return stored != null && versions.matches(stored.stamp()) ? stored : null;
        }
    }

    /** The key of the validator of a request: its caller, path and query parameters (sorted). */
    static String keyOf(String scope, HttpServletRequest request) {
        Map<String, String[]> parameters = new TreeMap<>(request.getParameterMap());
        MessageDigest digest = RepresentationTag.sha256();
        digest.update(scope.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(request.getRequestURI().getBytes(StandardCharsets.UTF_8));
        parameters.forEach((name, values) -> {
            digest.update((byte) 0);
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            for (String value : values) {
                digest.update((byte) 1);
                digest.update(value.getBytes(StandardCharsets.UTF_8));
            }
        });
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest.digest(), 20));
    }

    /** Starts reading the versions and the stored validator (one round trip); see {@link PendingLookup}. */
    PendingLookup lookup(String key) {
        return new PendingLookup(versions.snapshotAndGetLater(key));
    }

    /** A lookup on its way; {@link #await()} is {@code null} when Redis cannot answer. */
    static final class PendingLookup {

        private final DataVersions.PendingReading reading;

        PendingLookup(DataVersions.PendingReading reading) {
            this.reading = reading;
        }

        @Nullable Lookup await() {
            DataVersions.Reading done = reading.await();
            return done == null ? null : new Lookup(done.snapshot(), Validator.decode(done.value()));
        }
    }

    /** Remembers a validator; the request does not wait for Redis to confirm it. */
    void store(String key, Validator validator) {
        versions.setInBackground(key, validator.encode(), ttl);
    }
}
