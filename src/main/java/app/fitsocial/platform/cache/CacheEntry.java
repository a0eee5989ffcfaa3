package app.fitsocial.platform.cache;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * What one key holds in Redis: a value, or a tombstone left by an invalidation. Both carry a
 * random {@code nonce}, so a writer can replace exactly what it read (compare-and-set) and a load
 * that raced with an invalidation cannot put its stale value back.
 *
 * <p>Layout: kind byte ({@code V} value, {@code T} tombstone), 8-byte nonce; for values the
 * expiry and load time (epoch ms, ms) used by early recomputation, the Java type name, the
 * dependencies, and the Smile-encoded value.
 *
 * @param nonce identifies this write of the key
 * @param expiresAt when the value expires, epoch ms (0 for tombstones)
 * @param loadMillis how long loading it took, for early recomputation
 * @param type the Java type the value was written as ({@code ""} for tombstones)
 * @param dependencies what loading the value read (tables, other caches), comma-separated, so that
 *        a hit reports the same {@code ReadDependencies} as the load did
 * @param payload the encoded value (empty for tombstones)
 */
record CacheEntry(byte[] nonce, long expiresAt, long loadMillis, String type, String dependencies, byte[] payload) {

    static final int NONCE_BYTES = 8;
    private static final byte VALUE = 'V';
    private static final byte TOMBSTONE = 'T';

    static CacheEntry tombstone(byte[] nonce) {
        return new CacheEntry(nonce, 0, 0, "", "", new byte[0]);
    }

    boolean isTombstone() {
        return type.isEmpty();
    }

    /** The first bytes of the stored form, which identify this write (for compare-and-set). */
    byte[] identity() {
        byte[] identity = new byte[1 + NONCE_BYTES];
        identity[0] = isTombstone() ? TOMBSTONE : VALUE;
        System.arraycopy(nonce, 0, identity, 1, NONCE_BYTES);
        return identity;
    }

    java.util.Set<String> dependencyNames() {
        return dependencies.isEmpty() ? java.util.Set.of() : java.util.Set.of(dependencies.split(","));
    }

    static String joined(java.util.Set<String> names) {
        return String.join(",", names);
    }

    byte[] encode() {
        var bytes = new ByteArrayOutputStream(payload.length + 64);
        try (var out = new DataOutputStream(bytes)) {
            out.write(identity());
            if (!isTombstone()) {
                out.writeLong(expiresAt);
                out.writeLong(loadMillis);
                out.writeUTF(type);
                out.writeUTF(dependencies);
                out.write(payload);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /** The entry stored in Redis, or {@code null} for bytes this version cannot read (treated as a miss). */
    static @Nullable CacheEntry decode(byte @Nullable [] stored) {
        if (stored == null || stored.length < 1 + NONCE_BYTES) {
            return null;
        }
        byte[] nonce = Arrays.copyOfRange(stored, 1, 1 + NONCE_BYTES);
        if (stored[0] == TOMBSTONE) {
            return tombstone(nonce);
        }
        if (stored[0] != VALUE) {
            return null;
        }
        try (var in = new DataInputStream(new java.io.ByteArrayInputStream(stored, 1 + NONCE_BYTES,
                stored.length - 1 - NONCE_BYTES))) {
            long expiresAt = in.readLong();
            long loadMillis = in.readLong();
            String type = in.readUTF();
            String dependencies = in.readUTF();
            return new CacheEntry(nonce, expiresAt, loadMillis, type, dependencies, in.readAllBytes());
        }
        catch (IOException ex) {
            return null;
        }
    }
}
