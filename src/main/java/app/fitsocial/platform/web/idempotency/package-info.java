/**
 * {@code Idempotency-Key} on POSTs: the first answer is stored (encrypted) in PostgreSQL and
 * replayed to a retry with the same key and body; a concurrent duplicate waits for it.
 */
@NullMarked
package app.fitsocial.platform.web.idempotency;

import org.jspecify.annotations.NullMarked;
