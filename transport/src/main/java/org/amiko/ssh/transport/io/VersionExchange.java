package org.amiko.ssh.transport.io;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.amiko.ssh.transport.DisconnectReason;
import org.amiko.ssh.transport.ProtocolException;

/**
 * RFC 4253 §4.2, protocol version exchange: each side sends {@code SSH-2.0-softwareversion
 * SP comments CR LF}. A server may send other lines first; a client must not. Lines are at most
 * 255 bytes including CR LF; a bare LF is tolerated, as OpenSSH does.
 */
public final class VersionExchange {

    /** RFC 4253 §4.2: the identification line, CR LF included, is at most 255 bytes. */
    public static final int MAX_LINE = 255;
    /** Bound on the lines a server may send before its identification (OpenSSH allows 1024). */
    public static final int MAX_PRE_LINES = 1024;

    private VersionExchange() {
    }

    /** What the peer sent: its identification line (without CR LF) and any lines before it. */
    public record PeerVersion(String identification, List<String> preambleLines) {

        /** The softwareversion field, e.g. {@code OpenSSH_9.2p1}. */
        public String softwareVersion() {
            String rest = identification.substring(identification.indexOf('-', 4) + 1);
            int space = rest.indexOf(' ');
            return space < 0 ? rest : rest.substring(0, space);
        }
    }

    /** Writes our identification line. {@code identification} must start with {@code SSH-2.0-}. */
    public static void send(OutputStream out, String identification) throws IOException {
        requireValid(identification);
        out.write((identification + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Throws IllegalArgumentException unless {@code identification} is a valid SSH-2.0 line (without CR LF). */
    public static void requireValid(String identification) {
        if (!identification.startsWith("SSH-2.0-") || identification.length() + 2 > MAX_LINE
                || identification.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw new IllegalArgumentException("not a valid SSH-2.0 identification: " + identification);
        }
    }

    /**
     * Reads the peer's identification, one byte at a time so that nothing after it is consumed.
     *
     * @param allowPreamble true for a client reading a server, which may send other lines first
     */
    public static PeerVersion receive(InputStream in, boolean allowPreamble) throws IOException {
        List<String> preamble = new ArrayList<>();
        while (true) {
            String line = readLine(in);
            if (line.startsWith("SSH-")) {
                if (!line.startsWith("SSH-2.0-") && !line.startsWith("SSH-1.99-")) {
                    throw new ProtocolException(DisconnectReason.PROTOCOL_VERSION_NOT_SUPPORTED,
                            "the peer speaks " + printable(line) + ", not SSH-2.0");
                }
                return new PeerVersion(line, List.copyOf(preamble));
            }
            if (!allowPreamble) {
                throw new ProtocolException(DisconnectReason.PROTOCOL_VERSION_NOT_SUPPORTED,
                        "expected an SSH-2.0 identification, got " + printable(line));
            }
            if (preamble.size() >= MAX_PRE_LINES) {
                throw new ProtocolException("more than " + MAX_PRE_LINES + " lines before the SSH identification");
            }
            preamble.add(line);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException(line.size() == 0
                        ? "the peer closed the connection before sending its SSH identification"
                        : "the peer closed the connection in the middle of its identification line");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            if (b == 0) {
                throw new ProtocolException("NUL byte in the identification line");
            }
            line.write(b);
            if (line.size() > MAX_LINE - 1) {
                throw new ProtocolException("identification line longer than " + MAX_LINE + " bytes: "
                        + printable(line.toString(StandardCharsets.ISO_8859_1)));
            }
        }
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return sb.append('"').toString();
    }
}
