/**
 * Groups: creation, search, membership. Its API for other modules is
 * {@link app.fitsocial.groups.GroupDirectory}; it publishes {@link app.fitsocial.groups.GroupJoined}
 * and {@link app.fitsocial.groups.GroupLeft}.
 */
@NullMarked
package app.fitsocial.groups;

import org.jspecify.annotations.NullMarked;
