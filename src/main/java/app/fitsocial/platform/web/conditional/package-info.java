/**
 * Conditional requests (RFC 9110 section 13): tags from resource versions
 * ({@code VersionTagged}, answered before the handler) or from the JSON
 * ({@code ContentTagFilter}), one evaluation of preconditions ({@code Preconditions}: why an answer
 * was a 304 or a 412), and {@code WritePreconditions} checked under a write's row lock.
 */
@NullMarked
package app.fitsocial.platform.web.conditional;

import org.jspecify.annotations.NullMarked;
