/**
 * Embedded PostgreSQL and Redis for the development run ({@code ./mvnw spring-boot:test-run})
 * and for the test suite, used only while {@code DATABASE_URL} / {@code REDIS_URL} are unset.
 * They live on the test class path so that the production artifact carries no database binaries.
 */
@NullMarked
package app.fitsocial.platform.embedded;

import org.jspecify.annotations.NullMarked;
