package app.fitsocial.platform.web.conditional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ETag;

import app.fitsocial.platform.security.CurrentUser;

/**
 * The entity tags of the service, always mixed with the caller they were made for, so that
 * personalised responses never share a tag across users:
 * <ul>
 * <li>{@link #ofVersion}: a representation of a versioned resource, from the resource's version,
 * the request path and its {@code fields} selection. Known before the data is read, so a
 * revalidation can be answered without running the handler.</li>
 * <li>{@link #ofContent}: any other representation, from the SHA-256 digest of its JSON.</li>
 * </ul>
 * Tags are sent weak ({@code W/"..."}) because the same representation goes out gzip-compressed
 * or not (Tomcat does not compress responses with strong tags).
 */
public final class RepresentationTags {

    private RepresentationTags() {
    }

    /** Who a representation is made for: the user id, or {@code anonymous}. */
    public static String scope() {
        return CurrentUser.authenticated().map(user -> "user:" + user.id()).orElse("anonymous");
    }

    /** The tag of the representation of {@code resource} at {@code version} that the request asks for. */
    public static ETag ofVersion(HttpServletRequest request, String resource, long version) {
        MessageDigest digest = sha256();
        update(digest, "v1");
        update(digest, scope());
        update(digest, request.getRequestURI());
        String[] fields = request.getParameterValues("fields");
        update(digest, fields == null ? "" : String.join("\u0001", fields));
        update(digest, resource);
        update(digest, Long.toString(version));
        return tag("v", digest);
    }

    /** The tag of a JSON body made for the current caller. */
    public static ETag ofContent(byte[] body) {
        MessageDigest digest = sha256();
        update(digest, scope());
        digest.update(body);
        return tag("c", digest);
    }

    private static ETag tag(String kind, MessageDigest digest) {
        return new ETag(kind + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest.digest(), 18)),
                true);
    }

    private static void update(MessageDigest digest, String part) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
        }
    }
}
