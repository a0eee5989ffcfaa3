package app.fitsocial.platform.web.conditional;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.modulith.NamedInterface;

/**
 * Marks a GET handler whose answer is one versioned resource: its {@code ETag} and
 * {@code Last-Modified} come from the resource's version, so a revalidation is answered 304
 * before the handler runs, from one Redis read. The handler returns a
 * {@link app.fitsocial.platform.versions.Versioned} (the value and the version it was read at);
 * its reads go to the primary database.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@NamedInterface("conditional")
public @interface VersionTagged {

    /**
     * The resource, with {@code {name}} standing for a path variable and {@code {me}} for the
     * caller's id: {@code "class:{id}"}, {@code "user:{me}"}.
     */
    String value();
}
