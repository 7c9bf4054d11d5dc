package org.amiko.ssh.knownhosts;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One line of a known_hosts file, kept exactly: {@link #text()} holds the line's bytes as
 * ISO-8859-1 characters (one char per byte, so nothing is lost whatever the encoding), without the
 * terminating {@code \n}; a {@code \r} before it stays in the text. A line is an {@link Entry}, a
 * {@link Comment} (blank or starting with {@code #}) or {@link Malformed} (kept, reported, skipped).
 */
public sealed interface KnownHostsLine permits KnownHostsLine.Entry, KnownHostsLine.Comment, KnownHostsLine.Malformed {

    /** Longer lines are malformed and never held in memory by lookups (OpenSSH's own lines are under 16 KiB). */
    int MAX_LINE_LENGTH = 64 * 1024;

    /** 1-based. */
    long lineNumber();

    /** The line's bytes as ISO-8859-1 chars, without the terminating {@code \n}. */
    String text();

    /** Whether a {@code \n} ended the line (only the last line of a file may lack one). */
    boolean terminated();

    /** The exact bytes of the line, with its {@code \n} when it had one. */
    default byte[] bytes() {
        return (terminated() ? text() + "\n" : text()).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Parses one line (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"). Never throws for any text. */
    static KnownHostsLine parse(String text, long lineNumber, boolean terminated) {
        return LineParser.parse(text, lineNumber, terminated);
    }

    /** A blank line or a comment. */
    record Comment(long lineNumber, String text, boolean terminated) implements KnownHostsLine {
        public Comment {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A line that is neither an entry nor a comment, with the reason; OpenSSH skips such lines too. */
    record Malformed(long lineNumber, String text, boolean terminated, String reason) implements KnownHostsLine {
        public Malformed {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * {@code [marker] hosts keytype base64-key [comment]}: a key whose blob was decoded and checked.
     * A final class rather than a record because it also holds the parsed key, which is internal.
     */
    final class Entry implements KnownHostsLine {
        private final long lineNumber;
        private final String text;
        private final boolean terminated;
        private final Marker marker;
        private final HostNames hosts;
        private final String keyType;
        private final int keyStart;
        private final int keyEnd;
        private final int commentStart;
        private final int contentEnd;
        private final SshKeyBlob key;

        Entry(long lineNumber, String text, boolean terminated, Marker marker, HostNames hosts, String keyType,
                int keyStart, int keyEnd, int commentStart, int contentEnd, SshKeyBlob key) {
            this.lineNumber = lineNumber;
            this.text = text;
            this.terminated = terminated;
            this.marker = marker;
            this.hosts = hosts;
            this.keyType = keyType;
            this.keyStart = keyStart;
            this.keyEnd = keyEnd;
            this.commentStart = commentStart;
            this.contentEnd = contentEnd;
            this.key = key;
        }

        @Override
        public long lineNumber() {
            return lineNumber;
        }

        @Override
        public String text() {
            return text;
        }

        @Override
        public boolean terminated() {
            return terminated;
        }

        public Marker marker() {
            return marker;
        }

        /** The host field: patterns or one hashed name. */
        public HostNames hosts() {
            return hosts;
        }

        public String keyType() {
            return keyType;
        }

        /** The key's base64 exactly as on the line. */
        public String keyBase64() {
            return text.substring(keyStart, keyEnd);
        }

        /** The decoded key blob. */
        public byte[] keyBlob() {
            return key.blob().clone();
        }

        /** What follows the key (UTF-8 decoded), empty when nothing does. */
        public String comment() {
            if (commentStart >= contentEnd) {
                return "";
            }
            return new String(text.substring(commentStart, contentEnd).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }

        /** The parsed key (package-internal). */
        SshKeyBlob key() {
            return key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && e.lineNumber == lineNumber && e.terminated == terminated && e.text.equals(text);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(lineNumber) * 31 + text.hashCode();
        }

        @Override
        public String toString() {
            return "Entry[" + lineNumber + ": " + text + "]";
        }
    }
}
