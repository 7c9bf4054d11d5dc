package org.amiko.ssh.auth.keys;

/** Text from a file for an error message: bounded, control characters escaped. */
final class Printable {

    private static final int LIMIT = 64;

    private Printable() {
    }

    static String of(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(LIMIT).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return s.codePointCount(0, s.length()) > LIMIT ? sb + "..." : sb.toString();
    }
}
