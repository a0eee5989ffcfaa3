/**
 * Cross-cutting infrastructure used by the feature modules and depending on none of them:
 * {@code web} (problem details, pagination, cursors, request ids), {@code security}
 * (JWT resource server, current user), {@code persistence} (SQL helpers such as safe LIKE
 * patterns) and {@code observability} (SQL statement counting).
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN, displayName = "Platform")
@NullMarked
package app.fitsocial.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
