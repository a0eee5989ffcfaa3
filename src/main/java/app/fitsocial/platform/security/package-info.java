/**
 * Stateless JWT security: the public operations ({@code PublicEndpoints}), token issuing and
 * verification (each token verified once per request), the current user as a handler argument,
 * and CORS for configured browser origins.
 */
@NullMarked
package app.fitsocial.platform.security;

import org.jspecify.annotations.NullMarked;
