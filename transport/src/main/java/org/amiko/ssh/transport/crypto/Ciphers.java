package org.amiko.ssh.transport.crypto;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The packet ciphers amiko speaks, by wire name, in default preference order, and the factory
 * that pairs a cipher with its MAC into a {@link PacketSealer} or {@link PacketOpener}.
 */
public final class Ciphers {

    public static final String CHACHA20_POLY1305 = "chacha20-poly1305@openssh.com";
    public static final String AES128_GCM = "aes128-gcm@openssh.com";
    public static final String AES256_GCM = "aes256-gcm@openssh.com";
    public static final String AES128_CTR = "aes128-ctr";
    public static final String AES192_CTR = "aes192-ctr";
    public static final String AES256_CTR = "aes256-ctr";
    /** RFC 4253 §6.3: no encryption; in force until the first NEWKEYS, never negotiated by default. */
    public static final String NONE = "none";

    /**
     * What key derivation and framing need to know of a cipher.
     *
     * @param aead whether the cipher authenticates the packet itself, so that no MAC is used
     *     (OpenSSH PROTOCOL §1.6: the negotiated MAC is then ignored)
     */
    public record CipherAlgorithm(String name, int keyLength, int ivLength, int blockSize, boolean aead) {
    }

    private static final Map<String, CipherAlgorithm> ALGORITHMS = new LinkedHashMap<>();

    static {
        // OpenSSH 9.x default order (ssh_config(5) "Ciphers").
        add(new CipherAlgorithm(CHACHA20_POLY1305, 64, 0, 8, true));
        add(new CipherAlgorithm(AES128_CTR, 16, 16, 16, false));
        add(new CipherAlgorithm(AES192_CTR, 24, 16, 16, false));
        add(new CipherAlgorithm(AES256_CTR, 32, 16, 16, false));
        add(new CipherAlgorithm(AES128_GCM, 16, 12, 16, true));
        add(new CipherAlgorithm(AES256_GCM, 32, 12, 16, true));
    }

    private static final CipherAlgorithm NONE_ALGORITHM = new CipherAlgorithm(NONE, 0, 0, 8, false);

    private Ciphers() {
    }

    private static void add(CipherAlgorithm a) {
        ALGORITHMS.put(a.name(), a);
    }

    /** The ciphers offered unless configured otherwise, most preferred first. */
    public static List<String> defaultNames() {
        return List.copyOf(ALGORITHMS.keySet());
    }

    /** The cipher of this name; {@code none} is found too, though it is never offered by default. */
    public static Optional<CipherAlgorithm> find(String name) {
        if (NONE.equals(name)) {
            return Optional.of(NONE_ALGORITHM);
        }
        return Optional.ofNullable(ALGORITHMS.get(name));
    }

    static CipherAlgorithm require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown cipher " + name));
    }

    /**
     * The outgoing protection for one direction. {@code mac} is ignored for an AEAD cipher; key,
     * IV and MAC key are at least as long as the algorithms need (extra bytes are ignored).
     */
    public static PacketSealer sealer(String cipher, String mac, byte[] key, byte[] iv, byte[] macKey) {
        CipherAlgorithm c = require(cipher);
        switch (c.name()) {
            case CHACHA20_POLY1305:
                return new ChaCha20Poly1305.Sealer(check(key, 64));
            case AES128_GCM:
            case AES256_GCM:
                return new AesGcm.Sealer(check(key, c.keyLength()), c.keyLength(), check(iv, 12));
            default:
                Macs.MacAlgorithm m = Macs.require(mac);
                return new CipherAndMac.Sealer(streamCipher(c, key, iv, true), hmac(m, macKey), m.etm());
        }
    }

    /** The incoming protection for one direction; see {@link #sealer}. */
    public static PacketOpener opener(String cipher, String mac, byte[] key, byte[] iv, byte[] macKey) {
        CipherAlgorithm c = require(cipher);
        switch (c.name()) {
            case CHACHA20_POLY1305:
                return new ChaCha20Poly1305.Opener(check(key, 64));
            case AES128_GCM:
            case AES256_GCM:
                return new AesGcm.Opener(check(key, c.keyLength()), c.keyLength(), check(iv, 12));
            default:
                Macs.MacAlgorithm m = Macs.require(mac);
                return new CipherAndMac.Opener(streamCipher(c, key, iv, false), hmac(m, macKey), m.etm());
        }
    }

    /** The protection in force before the first key exchange: no cipher, no MAC. */
    public static PacketSealer noneSealer() {
        return new CipherAndMac.Sealer(StreamCipher.NONE, null, false);
    }

    public static PacketOpener noneOpener() {
        return new CipherAndMac.Opener(StreamCipher.NONE, null, false);
    }

    private static StreamCipher streamCipher(CipherAlgorithm c, byte[] key, byte[] iv, boolean encrypt) {
        if (c.name().equals(NONE)) {
            return StreamCipher.NONE;
        }
        return new AesCtr(check(key, c.keyLength()), c.keyLength(), check(iv, 16), encrypt);
    }

    private static Hmac hmac(Macs.MacAlgorithm m, byte[] macKey) {
        return m.name().equals(Macs.NONE) ? null : new Hmac(m, check(macKey, m.keyLength()));
    }

    /** Key material must be at least as long as the algorithm needs; the algorithms read only their prefix. */
    private static byte[] check(byte[] material, int length) {
        if (material == null || material.length < length) {
            throw new IllegalArgumentException("need " + length + " bytes of key material, got "
                    + (material == null ? 0 : material.length));
        }
        return material;
    }
}
