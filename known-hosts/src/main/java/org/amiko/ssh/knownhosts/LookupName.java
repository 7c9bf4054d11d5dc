package org.amiko.ssh.knownhosts;

import java.nio.charset.StandardCharsets;

/**
 * The name a host is looked up by, as OpenSSH forms it (sshconnect.c, put_host_port): the host
 * alone for port 22, {@code [host]:port} otherwise; lower-cased in ASCII as ssh(1) lower-cases host
 * names. Held twice: as UTF-8 bytes (what the HMAC of a hashed name covers) and as those bytes read
 * as ISO-8859-1 (one char per byte, so {@code ?} matches one byte as in OpenSSH's match.c).
 */
final class LookupName {

    /** The port a bare host name stands for (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"). */
    static final int DEFAULT_PORT = 22;

    private final String text;
    private final byte[] bytes;

    private LookupName(String name) {
        this.bytes = lowerAscii(name.getBytes(StandardCharsets.UTF_8));
        this.text = new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The name for {@code host} on {@code port}; port 0 means "no port", as in OpenSSH. */
    static LookupName of(String host, int port) {
        return new LookupName(format(host, port));
    }

    /** A name given as it is (lower-cased only), e.g. {@code [host]:2222} or an IP address. */
    static LookupName literal(String name) {
        return new LookupName(name);
    }

    /** {@code host} for port 22 or 0, else {@code [host]:port}; rejects what cannot be a host name. */
    static String format(String host, int port) {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("empty host name");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '\0' || c == '\n' || c == '\r') {
                throw new IllegalArgumentException("host name contains a NUL or line break");
            }
        }
        return port == 0 || port == DEFAULT_PORT ? host : "[" + host + "]:" + port;
    }

    /** Whether the host field {@code hosts} applies to this name: the fast path, one HMAC scratch per lookup. */
    boolean isMatchedBy(HostNames hosts, HmacSha1 hmac) {
        return hosts instanceof HostPatternList p ? p.match(text) == 1 : ((HashedHostName) hosts).matches(this, hmac);
    }

    /** The name as ISO-8859-1 text (one char per UTF-8 byte), lower-cased. */
    String text() {
        return text;
    }

    /** The name's UTF-8 bytes, lower-cased; not to be modified. */
    byte[] bytes() {
        return bytes;
    }

    /** ASCII lower-casing only, as OpenSSH's lowercase() and tolower() in the C locale. */
    static byte[] lowerAscii(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] >= 'A' && b[i] <= 'Z') {
                b[i] = (byte) (b[i] + ('a' - 'A'));
            }
        }
        return b;
    }

    /** ASCII lower-casing of a string, leaving every other char alone. */
    static String lowerAscii(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (out == null) {
                    out = new StringBuilder(s);
                }
                out.setCharAt(i, (char) (c + ('a' - 'A')));
            }
        }
        return out == null ? s : out.toString();
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
