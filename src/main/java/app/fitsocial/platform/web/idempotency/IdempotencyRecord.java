package app.fitsocial.platform.web.idempotency;

import org.jspecify.annotations.Nullable;

/**
 * A stored idempotency key: the hash of the request that claimed it and, once that request is
 * done, its response (the body encrypted, see {@link ReplayCipher}).
 */
record IdempotencyRecord(byte[] requestHash, @Nullable Integer status, @Nullable String contentType,
        @Nullable String location, byte @Nullable [] body) {

    boolean completed() {
        return status != null;
    }
}
