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
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.ETag;

import app.fitsocial.platform.changes.DataVersions;

/**
 * The validators ({@code ETag}, {@code Last-Modified}) of the last 200 each caller got for each
 * URL, kept in Redis with the {@link DataVersions} of every table the response was read from.
 * While none of those has moved, a conditional request is answered from here: no handler, no SQL.
 */
class ResponseValidators {

    private static final String PREFIX = "fitsocial:v1:validator:";

    private final StringRedisTemplate redis;
    private final DataVersions versions;
    private final Duration ttl;

    ResponseValidators(StringRedisTemplate redis, DataVersions versions, Duration ttl) {
        this.redis = redis;
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

    /** The versions and stored validator in one round trip; {@code null} when Redis cannot answer. */
    @Nullable Lookup lookup(String key) {
        DataVersions.Reading reading = versions.snapshotAndGet(key);
        return reading == null ? null : new Lookup(reading.snapshot(), Validator.decode(reading.value()));
    }

    void store(String key, Validator validator) {
        versions.guarded(() -> {
            redis.opsForValue().set(key, validator.encode(), ttl);
            return Boolean.TRUE;
        });
    }
}
