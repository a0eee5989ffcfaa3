/**
 * Background jobs on JobRunr (PostgreSQL storage): recurring jobs run once per period across all
 * instances, with retries and back-off; the dashboard is off by default and password-protected
 * when on.
 */
@NullMarked
package app.fitsocial.platform.jobs;

import org.jspecify.annotations.NullMarked;
