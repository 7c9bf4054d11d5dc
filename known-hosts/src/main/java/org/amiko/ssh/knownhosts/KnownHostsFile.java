package org.amiko.ssh.knownhosts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One known_hosts file held in memory as its ordered lines, each kept byte for byte: {@link
 * #toBytes()} gives back exactly the bytes it was parsed from, CRLF lines, comments, malformed
 * lines and a missing final newline included. For lookups over large files use {@link KnownHosts},
 * which streams; to change a file use {@link KnownHostsEditor}.
 */
public final class KnownHostsFile {

    private final List<KnownHostsLine> lines;

    private KnownHostsFile(List<KnownHostsLine> lines) {
        this.lines = List.copyOf(lines);
    }

    /** Parses a whole file's bytes; never fails, whatever the bytes. */
    public static KnownHostsFile parse(byte[] content) {
        List<KnownHostsLine> lines = new ArrayList<>();
        String all = new String(content, StandardCharsets.ISO_8859_1);
        int start = 0;
        long number = 0;
        while (start < all.length()) {
            int nl = all.indexOf('\n', start);
            boolean terminated = nl >= 0;
            int end = terminated ? nl : all.length();
            lines.add(LineParser.parse(all.substring(start, end), ++number, terminated));
            start = end + 1;
        }
        return new KnownHostsFile(lines);
    }

    /** Reads and parses {@code file} (all of it is held in memory). */
    public static KnownHostsFile read(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    /** Every line, in order. */
    public List<KnownHostsLine> lines() {
        return lines;
    }

    /** The entries, in order. */
    public List<KnownHostsLine.Entry> entries() {
        List<KnownHostsLine.Entry> out = new ArrayList<>();
        for (KnownHostsLine l : lines) {
            if (l instanceof KnownHostsLine.Entry e) {
                out.add(e);
            }
        }
        return out;
    }

    /** The malformed lines, in order. */
    public List<KnownHostsLine.Malformed> malformed() {
        List<KnownHostsLine.Malformed> out = new ArrayList<>();
        for (KnownHostsLine l : lines) {
            if (l instanceof KnownHostsLine.Malformed m) {
                out.add(m);
            }
        }
        return out;
    }

    /** The file's bytes, exactly as parsed. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** Writes the file's bytes, exactly as parsed. */
    public void writeTo(OutputStream out) throws IOException {
        for (KnownHostsLine l : lines) {
            out.write(l.bytes());
        }
    }
}
