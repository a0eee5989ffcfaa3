package app.fitsocial.platform.web.conditional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.springframework.http.ETag;

import app.fitsocial.platform.security.CurrentUser;

/**
 * Entity tags of this service: a SHA-256 digest of the JSON a response carries, mixed with the
 * caller it was made for, so personalised responses never share a tag across users.
 *
 * <p>Tags are sent weak ({@code W/"..."}) because the same JSON goes out gzip-compressed or not
 * (Tomcat does not compress responses with strong tags). They change with every byte of the JSON,
 * though, so for {@code If-Match} the service compares them as if they were strong: ignoring the
 * {@code W/} prefix of its own tags is the encoding-aware comparison RFC 9110 permits an origin.
 */
public final class RepresentationTag {

    private RepresentationTag() {
    }

    /** Who a representation is made for: the user id, or {@code anonymous}. */
    public static String scope() {
        return CurrentUser.authenticated().map(user -> "user:" + user.id()).orElse("anonymous");
    }

    /** The tag of a JSON body made for a scope. */
    public static ETag of(String scope, byte[] body) {
        MessageDigest digest = sha256();
        digest.update(scope.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(body);
        byte[] hash = digest.digest();
        String opaque = Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 18));
        return new ETag(opaque, true);
    }

    /** Whether an {@code If-Match} header is satisfied by the current representation's tag. */
    public static boolean matches(String ifMatch, ETag current) {
        for (ETag offered : ETag.parse(ifMatch)) {
            if (offered.isWildcard() || offered.tag().equals(current.tag())) {
                return true;
            }
        }
        return false;
    }

    /** Whether an {@code If-None-Match} header names the current representation (weak comparison). */
    static boolean matchesAny(String ifNoneMatch, ETag current) {
        for (ETag offered : ETag.parse(ifNoneMatch)) {
            if (offered.isWildcard() || offered.compare(current, false)) {
                return true;
            }
        }
        return false;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
        }
    }
}
