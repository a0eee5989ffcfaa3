package app.fitsocial.platform.web.idempotency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts stored replay bodies (AES-256-GCM) under a key derived from the request that produced
 * them: its scope, idempotency key and body. Only a client repeating that exact request can have
 * its response decrypted, so a copy of the table discloses no session tokens or messages. The
 * request hash kept for comparison is derived with a different label, so it does not give the key.
 */
final class ReplayCipher {

    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReplayCipher() {
    }

    /** The fingerprint of a request that decides whether a replay is "the same request". */
    static byte[] requestHash(String scope, String key, String method, String target, byte[] body) {
        return digest("fitsocial-idempotency-request", scope, key, method + " " + target, body);
    }

    static byte[] encrypt(byte[] plain, String scope, String key, String method, String target, byte[] body) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, scope, key, method, target, body);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", ex);
        }
    }

    static byte[] decrypt(byte[] stored, String scope, String key, String method, String target, byte[] body)
            throws GeneralSecurityException {
        byte[] nonce = java.util.Arrays.copyOf(stored, NONCE_BYTES);
        Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, scope, key, method, target, body);
        return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
    }

    private static Cipher cipher(int mode, byte[] nonce, String scope, String key, String method, String target,
            byte[] body) throws GeneralSecurityException {
        byte[] secret = digest("fitsocial-idempotency-replay-key", scope, key, method + " " + target, body);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(secret, "AES"), new GCMParameterSpec(128, nonce));
        return cipher;
    }

    private static byte[] digest(String label, String scope, String key, String target, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {label, scope, key, target}) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            digest.update(body);
            return digest.digest();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
        }
    }
}
