package org.amiko.ssh.auth.keys;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * OpenBSD's {@code bcrypt_pbkdf(3)}, the key derivation of encrypted openssh-key-v1 files
 * (OpenSSH PROTOCOL.key, kdfname "bcrypt"): PBKDF2's structure with SHA-512 and a bcrypt-based
 * hash in place of HMAC, and OpenBSD's interleaving of the output blocks.
 */
final class BcryptPbkdf {

    /** bcrypt_hash output: 8 Blowfish words. */
    private static final int HASH_BYTES = 32;
    /** The bcrypt_hash plaintext: exactly these 32 bytes, no terminating NUL. */
    private static final byte[] MAGIC = "OxychromaticBlowfishSwatDynamite".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** bcrypt_pbkdf's own bound on the output. */
    static final int MAX_KEY_BYTES = 1024;

    private BcryptPbkdf() {
    }

    /**
     * Derives {@code keyLength} bytes from a passphrase and salt with {@code rounds} rounds.
     *
     * @throws IllegalArgumentException where bcrypt_pbkdf returns -1: no rounds, no salt, a key
     *     length of 0 or above {@value #MAX_KEY_BYTES}
     */
    static byte[] derive(byte[] passphrase, byte[] salt, int rounds, int keyLength) {
        if (rounds < 1 || salt.length == 0 || keyLength < 1 || keyLength > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("bcrypt_pbkdf: rounds " + rounds + ", salt " + salt.length + " bytes, key " + keyLength + " bytes");
        }
        MessageDigest sha512 = sha512();
        int stride = (keyLength + HASH_BYTES - 1) / HASH_BYTES;
        int amount = (keyLength + stride - 1) / stride;
        byte[] key = new byte[keyLength];
        byte[] sha2pass = sha512.digest(passphrase);
        byte[] countSalt = Arrays.copyOf(salt, salt.length + 4);
        byte[] out = new byte[HASH_BYTES];
        byte[] tmp = new byte[HASH_BYTES];
        try {
            int remaining = keyLength;
            for (int count = 1; remaining > 0; count++) {
                countSalt[salt.length] = (byte) (count >>> 24);
                countSalt[salt.length + 1] = (byte) (count >>> 16);
                countSalt[salt.length + 2] = (byte) (count >>> 8);
                countSalt[salt.length + 3] = (byte) count;
                // first round: the salt is salt || count
                bcryptHash(sha2pass, sha512.digest(countSalt), tmp);
                System.arraycopy(tmp, 0, out, 0, HASH_BYTES);
                for (int i = 1; i < rounds; i++) {
                    // subsequent rounds: the salt is the previous output
                    bcryptHash(sha2pass, sha512.digest(tmp), tmp);
                    for (int j = 0; j < HASH_BYTES; j++) {
                        out[j] ^= tmp[j];
                    }
                }
                // the output is spread over the key: byte i of block 'count' goes to i * stride + count - 1
                int n = Math.min(amount, remaining);
                int i = 0;
                for (; i < n; i++) {
                    int dest = i * stride + (count - 1);
                    if (dest >= keyLength) {
                        break;
                    }
                    key[dest] = out[i];
                }
                remaining -= i;
            }
            return key;
        } finally {
            Arrays.fill(sha2pass, (byte) 0);
            Arrays.fill(out, (byte) 0);
            Arrays.fill(tmp, (byte) 0);
        }
    }

    /** bcrypt_hash: the salted expensive key schedule, then 64 encryptions of the magic string. */
    private static void bcryptHash(byte[] sha2pass, byte[] sha2salt, byte[] out) {
        BlowfishState state = BlowfishState.initial();
        state.expandState(sha2salt, sha2pass);
        for (int i = 0; i < 64; i++) {
            state.expand0State(sha2salt);
            state.expand0State(sha2pass);
        }
        int[] cdata = new int[HASH_BYTES / 4];
        int[] pos = {0};
        for (int i = 0; i < cdata.length; i++) {
            cdata[i] = BlowfishState.streamToWord(MAGIC, pos);
        }
        for (int i = 0; i < 64; i++) {
            for (int block = 0; block < cdata.length; block += 2) {
                state.encipher(cdata, block);
            }
        }
        // the words go out little-endian
        for (int i = 0; i < cdata.length; i++) {
            out[4 * i + 3] = (byte) (cdata[i] >>> 24);
            out[4 * i + 2] = (byte) (cdata[i] >>> 16);
            out[4 * i + 1] = (byte) (cdata[i] >>> 8);
            out[4 * i] = (byte) cdata[i];
        }
        Arrays.fill(cdata, 0);
        Arrays.fill(sha2salt, (byte) 0);
        state.wipe();
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is not available in this JDK", e);
        }
    }
}
