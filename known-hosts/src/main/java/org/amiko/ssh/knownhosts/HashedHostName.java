package org.amiko.ssh.knownhosts;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A hashed host name, {@code |1|base64(salt)|base64(hmac)} (sshd(8), "SSH_KNOWN_HOSTS FILE
 * FORMAT"; ssh_config(5) HashKnownHosts): the HMAC-SHA1, keyed with the 20-byte salt, of the name
 * a host is looked up by ({@code host}, or {@code [host]:port} for a non-default port).
 *
 * <p>As in OpenSSH's hostfile.c, the salt must be canonical base64 of exactly 20 bytes or the line
 * is malformed, and the whole field is compared as text, so an HMAC part that is not canonical
 * base64 of 20 bytes can never match: such a field is reported as malformed too.
 */
public final class HashedHostName implements HostNames {

    /** The only hash format OpenSSH has: HMAC-SHA1. */
    public static final String MAGIC = "|1|";

    private static final Base64.Encoder ENCODER = Base64.getEncoder();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final String text;
    private final byte[] salt;
    private final byte[] hmac;

    private HashedHostName(String text, byte[] salt, byte[] hmac) {
        this.text = text;
        this.salt = salt;
        this.hmac = hmac;
    }

    /** Parses a host field that starts with {@code |}. */
    static HashedHostName parse(String field) throws LineFormatException {
        if (!field.startsWith(MAGIC)) {
            throw new LineFormatException("hashed host name does not start with " + MAGIC);
        }
        int bar = field.indexOf('|', MAGIC.length());
        if (bar < 0) {
            throw new LineFormatException("hashed host name has no | after its salt");
        }
        String saltText = field.substring(MAGIC.length(), bar);
        String hmacText = field.substring(bar + 1);
        byte[] salt = decode20(saltText);
        if (salt == null) {
            throw new LineFormatException("hashed host name: the salt is not base64 of 20 bytes");
        }
        byte[] hmac = decode20(hmacText);
        if (hmac == null) {
            throw new LineFormatException("hashed host name: the HMAC is not base64 of 20 bytes, so it can never match");
        }
        return new HashedHostName(field, salt, hmac);
    }

    /** Hashes {@code host} on {@code port} with a fresh salt, as ssh(1) with HashKnownHosts yes. */
    public static HashedHostName hash(String host, int port, SecureRandom random) {
        return hash(LookupName.of(host, port), random);
    }

    static HashedHostName hash(LookupName name, SecureRandom random) {
        byte[] salt = new byte[HmacSha1.LENGTH];
        random.nextBytes(salt);
        byte[] hmac = new HmacSha1().compute(salt, name.bytes());
        String text = MAGIC + ENCODER.encodeToString(salt) + "|" + ENCODER.encodeToString(hmac);
        return new HashedHostName(text, salt, hmac);
    }

    /** Canonical base64 of exactly 20 bytes, else null. */
    private static byte[] decode20(String text) {
        if (text.length() != 28) {
            return null;
        }
        byte[] out;
        try {
            out = DECODER.decode(text.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (out.length != HmacSha1.LENGTH || !LineParser.canonicalPadding(text)) {
            return null;
        }
        return out;
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public boolean matches(String host, int port) {
        return matches(LookupName.of(host, port), new HmacSha1());
    }

    boolean matches(LookupName name, HmacSha1 scratch) {
        return scratch.matches(salt, name.bytes(), hmac);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HashedHostName other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
