/**
 * Identity: users, registration, login and tokens. Its API for other modules is
 * {@link app.fitsocial.identity.UserDirectory} (who exists, display names) and
 * {@link app.fitsocial.identity.UserSummary}.
 */
@NullMarked
package app.fitsocial.identity;

import org.jspecify.annotations.NullMarked;
