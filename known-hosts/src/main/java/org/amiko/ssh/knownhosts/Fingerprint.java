package org.amiko.ssh.knownhosts;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Key fingerprints as ssh-keygen(1) prints them with {@code -l -E sha256} (OpenSSH's default:
 * {@code SHA256:} and the unpadded base64 of the SHA-256 of the key blob) and {@code -l -E md5}
 * ({@code MD5:} and the hex bytes of the MD5 joined by colons).
 */
public final class Fingerprint {

    private Fingerprint() {}

    /** {@code SHA256:} + unpadded base64 of SHA-256(blob). */
    public static String sha256(byte[] keyBlob) {
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest("SHA-256", keyBlob));
    }

    /** {@code MD5:} + lower-case hex of MD5(blob), bytes joined by colons. */
    public static String md5(byte[] keyBlob) {
        byte[] d = digest("MD5", keyBlob);
        StringBuilder sb = new StringBuilder("MD5:");
        for (int i = 0; i < d.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Character.forDigit((d[i] >> 4) & 0xf, 16)).append(Character.forDigit(d[i] & 0xf, 16));
        }
        return sb.toString();
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }
}
