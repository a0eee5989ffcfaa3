package app.fitsocial.platform.cache;

import java.util.concurrent.ThreadLocalRandom;

/** Random identities of cache writes (see {@link CacheEntry}). */
final class CacheNonce {

    private CacheNonce() {
    }

    static byte[] next() {
        byte[] nonce = new byte[CacheEntry.NONCE_BYTES];
        ThreadLocalRandom.current().nextBytes(nonce);
        return nonce;
    }
}
