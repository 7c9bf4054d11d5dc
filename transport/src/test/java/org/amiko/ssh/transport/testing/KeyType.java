package org.amiko.ssh.transport.testing;

import java.util.Objects;

/**
 * A key type and size as ssh-keygen ({@code -t TYPE -b BITS}) and dropbearkey ({@code -t TYPE
 * -s BITS}) take them; {@code bits} is 0 where the type has one size.
 */
public record KeyType(String type, int bits) {

    public static final KeyType ED25519 = new KeyType("ed25519", 0);
    public static final KeyType ECDSA_256 = new KeyType("ecdsa", 256);
    public static final KeyType ECDSA_384 = new KeyType("ecdsa", 384);
    public static final KeyType ECDSA_521 = new KeyType("ecdsa", 521);
    public static final KeyType RSA_3072 = new KeyType("rsa", 3072);

    public KeyType {
        Objects.requireNonNull(type, "type");
        if (bits < 0) {
            throw new IllegalArgumentException("bits < 0: " + bits);
        }
    }

    /** The key's name on the wire (RFC 4253 §6.6, RFC 5656 §3.1, RFC 8709 §4). */
    public String keyName() {
        return switch (type) {
            case "ed25519" -> "ssh-ed25519";
            case "ecdsa" -> "ecdsa-sha2-nistp" + bits;
            case "rsa" -> "ssh-rsa";
            default -> throw new IllegalStateException("no wire name known for " + this);
        };
    }

    /** A short name for files and messages: {@code ed25519}, {@code ecdsa256}, {@code rsa3072}. */
    public String label() {
        return bits == 0 ? type : type + bits;
    }

    @Override
    public String toString() {
        return label();
    }
}
