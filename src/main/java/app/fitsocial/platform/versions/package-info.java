/**
 * Versions of resources, shared by every instance through Redis: the one source of truth for
 * "has this changed?" behind conditional requests and cache entries.
 *
 * <p>A write states what it changed ({@link app.fitsocial.platform.versions.Versions#changed}):
 * a row-backed resource ({@code user:42}, {@code class:7}) to the version its row now has, a
 * collection ({@code classes:provider:3}) to a fresh counter value. The raise happens after the
 * commit and before the writer's response. Readers read versions before the data they stand for,
 * so a version never vouches for data older than itself.
 */
@NullMarked
package app.fitsocial.platform.versions;

import org.jspecify.annotations.NullMarked;
