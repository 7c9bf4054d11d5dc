package org.amiko.ssh.knownhosts;

import java.util.Base64;

/**
 * Parses one known_hosts line the way OpenSSH 9.2's hostfile.c (hostkeys_foreach_file,
 * check_markers) and sshkey.c (sshkey_read) read it: fields separated by spaces and tabs, an
 * optional marker, the host field, the key type, the base64 key, the rest is a comment. A line is
 * read up to its first NUL byte, as C reads it; one {@code \r} before the end is ignored (CRLF).
 */
final class LineParser {

    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private LineParser() {}

    static KnownHostsLine parse(String text, long lineNumber, boolean terminated) {
        if (text.length() > KnownHostsLine.MAX_LINE_LENGTH) {
            return overlong(text, lineNumber, terminated);
        }
        try {
            return parseOrThrow(text, lineNumber, terminated);
        } catch (LineFormatException e) {
            return new KnownHostsLine.Malformed(lineNumber, text, terminated, e.getMessage());
        }
    }

    static KnownHostsLine.Malformed overlong(String text, long lineNumber, boolean terminated) {
        return new KnownHostsLine.Malformed(lineNumber, text, terminated,
                "line longer than " + KnownHostsLine.MAX_LINE_LENGTH + " bytes");
    }

    private static KnownHostsLine parseOrThrow(String text, long lineNumber, boolean terminated) throws LineFormatException {
        int end = text.indexOf('\0');
        if (end < 0) {
            end = text.length();
        }
        if (end > 0 && text.charAt(end - 1) == '\r') {
            end--;
        }
        int i = skipBlanks(text, 0, end);
        if (i == end || text.charAt(i) == '#') {
            return new KnownHostsLine.Comment(lineNumber, text, terminated);
        }
        Marker marker = Marker.NONE;
        while (i < end && text.charAt(i) == '@') {
            if (marker != Marker.NONE) {
                throw new LineFormatException("more than one marker");
            }
            // hostfile.c check_markers: the marker ends at the first space of the line, or at the first tab if there is no space
            int sp = text.indexOf(' ', i);
            if (sp < 0 || sp >= end) {
                sp = text.indexOf('\t', i);
            }
            if (sp < 0 || sp >= end) {
                throw new LineFormatException("a marker and nothing after it");
            }
            String token = text.substring(i, sp);
            marker = token.length() < 32 ? Marker.fromToken(token) : null;
            if (marker == null) {
                throw new LineFormatException("unknown marker " + excerpt(token) + " (OpenSSH knows @cert-authority and @revoked)");
            }
            i = skipBlanks(text, sp, end);
        }
        int hostsEnd = nextBlank(text, i, end);
        String field = text.substring(i, hostsEnd);
        HostNames hosts = field.startsWith("|") ? HashedHostName.parse(field) : HostPatternList.parse(field);
        i = skipBlanks(text, hostsEnd, end);
        if (i == end || text.charAt(i) == '#') {
            throw new LineFormatException("no key after the host names");
        }
        int typeEnd = nextBlank(text, i, end);
        String keyType = KeyTypes.shared(text.substring(i, typeEnd));
        if (keyType == null) {
            keyType = text.substring(i, typeEnd);
            throw new LineFormatException("unknown key type " + excerpt(keyType));
        }
        int keyStart = skipBlanks(text, typeEnd, end);
        if (keyStart == end) {
            throw new LineFormatException("no key after the key type");
        }
        int keyEnd = nextBlank(text, keyStart, end);
        byte[] blob = decodeBase64(text.substring(keyStart, keyEnd));
        SshKeyBlob key = SshKeyBlob.parse(blob);
        if (!key.type().equals(keyType)) {
            throw new LineFormatException("the line says " + keyType + " but the key is " + key.type());
        }
        int commentStart = skipBlanks(text, keyEnd, end);
        return new KnownHostsLine.Entry(lineNumber, text, terminated, marker, hosts, keyType,
                keyStart, keyEnd, commentStart, end, key);
    }

    /** Canonical, padded base64, as OpenSSH's b64_pton accepts and ssh-keygen writes. */
    private static byte[] decodeBase64(String b64) throws LineFormatException {
        if (b64.length() % 4 != 0) {
            throw new LineFormatException("the key is not base64 (length " + b64.length() + " is not a multiple of 4)");
        }
        byte[] blob;
        try {
            blob = DECODER.decode(b64);
        } catch (IllegalArgumentException e) {
            throw new LineFormatException("the key is not base64");
        }
        if (!canonicalPadding(b64)) {
            throw new LineFormatException("the key is not canonical base64");
        }
        return blob;
    }

    /**
     * Whether the bits a padded base64 text leaves unused are zero (RFC 4648 §3.5), i.e. whether it
     * is the one encoding of its bytes; {@code b64} already decoded without error.
     */
    static boolean canonicalPadding(String b64) {
        int n = b64.length();
        if (n < 2 || b64.charAt(n - 1) != '=') {
            return true;
        }
        boolean two = b64.charAt(n - 2) == '=';
        int last = sextet(b64.charAt(n - (two ? 3 : 2)));
        return (last & (two ? 0x0f : 0x03)) == 0;
    }

    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : 63;
    }

    static int skipBlanks(String s, int i, int end) {
        while (i < end && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    static int nextBlank(String s, int i, int end) {
        while (i < end && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
            i++;
        }
        return i;
    }

    /** At most 40 chars of untrusted text, control characters shown as {@code ?}, for a reason message. */
    static String excerpt(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || (c >= 0x7f && c < 0xa0) ? '?' : c);
        }
        return s.length() <= 40 ? sb.toString() : sb + "...";
    }
}
