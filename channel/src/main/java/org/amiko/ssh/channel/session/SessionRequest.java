package org.amiko.ssh.channel.session;

import org.amiko.ssh.channel.message.ChannelRequest;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * The requests of a session channel (RFC 4254 §6), each the type-specific data of one
 * CHANNEL_REQUEST with its own codec: {@link #data()} writes it, {@link #decode} reads it.
 */
public sealed interface SessionRequest {

    /** The request type on the wire. */
    String type();

    /** The request-specific data after the CHANNEL_REQUEST header. */
    Bytes data();

    /** §6.2 {@code pty-req}: terminal type, size in characters and pixels, and modes (§8). */
    record PtyReq(String term, int columns, int rows, int widthPixels, int heightPixels, TerminalModes modes)
            implements SessionRequest {
        public PtyReq {
            nonNegative(columns, rows, widthPixels, heightPixels);
        }

        public String type() {
            return "pty-req";
        }

        public Bytes data() {
            return new SshWriter().writeUtf8(term).writeUint32(columns).writeUint32(rows).writeUint32(widthPixels)
                    .writeUint32(heightPixels).writeString(modes.encode()).toBytes();
        }
    }

    /** §6.4 {@code env}: one environment variable (sshd accepts only those its AcceptEnv names). */
    record Env(String name, String value) implements SessionRequest {
        public String type() {
            return "env";
        }

        public Bytes data() {
            return new SshWriter().writeUtf8(name).writeUtf8(value).toBytes();
        }
    }

    /** §6.5 {@code shell}: the user's login shell. */
    record Shell() implements SessionRequest {
        public String type() {
            return "shell";
        }

        public Bytes data() {
            return Bytes.EMPTY;
        }
    }

    /** §6.5 {@code exec}: one command line, run by the user's shell. */
    record Exec(String command) implements SessionRequest {
        public String type() {
            return "exec";
        }

        public Bytes data() {
            return new SshWriter().writeUtf8(command).toBytes();
        }
    }

    /** §6.5 {@code subsystem}: a named service such as {@code sftp}. */
    record Subsystem(String name) implements SessionRequest {
        public String type() {
            return "subsystem";
        }

        public Bytes data() {
            return new SshWriter().writeUtf8(name).toBytes();
        }
    }

    /** §6.7 {@code window-change}: the terminal's new size. */
    record WindowChange(int columns, int rows, int widthPixels, int heightPixels) implements SessionRequest {
        public WindowChange {
            nonNegative(columns, rows, widthPixels, heightPixels);
        }

        public String type() {
            return "window-change";
        }

        public Bytes data() {
            return new SshWriter().writeUint32(columns).writeUint32(rows).writeUint32(widthPixels)
                    .writeUint32(heightPixels).toBytes();
        }
    }

    /** §6.9 {@code signal}: deliver a signal (name without "SIG") to the remote process. */
    record Signal(String name) implements SessionRequest {
        public String type() {
            return "signal";
        }

        public Bytes data() {
            return new SshWriter().writeUtf8(name).toBytes();
        }
    }

    /** §6.10 {@code exit-status}, from the server. */
    record ExitStatusRequest(int code) implements SessionRequest {
        public String type() {
            return "exit-status";
        }

        public Bytes data() {
            return new SshWriter().writeUint32(code & 0xffffffffL).toBytes();
        }
    }

    /** §6.10 {@code exit-signal}, from the server. */
    record ExitSignal(String signal, boolean coreDumped, String errorMessage, String languageTag)
            implements SessionRequest {
        public String type() {
            return "exit-signal";
        }

        public Bytes data() {
            return new SshWriter().writeUtf8(signal).writeBoolean(coreDumped).writeUtf8(errorMessage)
                    .writeUtf8(languageTag).toBytes();
        }
    }

    /** OpenSSH PROTOCOL §2.1 {@code eow@openssh.com}: the server no longer reads what we send on the channel. */
    record EndOfWrite() implements SessionRequest {
        public String type() {
            return "eow@openssh.com";
        }

        public Bytes data() {
            return Bytes.EMPTY;
        }
    }

    /** OpenSSH's {@code keepalive@openssh.com}: any reply, even FAILURE, shows the peer is alive. */
    record Keepalive() implements SessionRequest {
        public String type() {
            return "keepalive@openssh.com";
        }

        public Bytes data() {
            return Bytes.EMPTY;
        }
    }

    /** Any other request, kept as it came. */
    record Other(String type, Bytes data) implements SessionRequest {
    }

    private static void nonNegative(int... sizes) {
        for (int v : sizes) {
            if (v < 0) {
                throw new IllegalArgumentException("a terminal size is never negative: " + v);
            }
        }
    }

    /** Reads the request a CHANNEL_REQUEST carries; malformed data is a {@link ProtocolException}. */
    static SessionRequest decode(ChannelRequest request) throws ProtocolException {
        SshReader r = SshReader.of(request.data());
        SessionRequest decoded = switch (request.requestType()) {
            case "pty-req" -> new PtyReq(r.readUtf8(), r.readUint32AsInt(), r.readUint32AsInt(), r.readUint32AsInt(),
                    r.readUint32AsInt(), TerminalModes.decode(r.readString()));
            case "env" -> new Env(r.readUtf8(), r.readUtf8());
            case "shell" -> new Shell();
            case "exec" -> new Exec(r.readUtf8());
            case "subsystem" -> new Subsystem(r.readUtf8());
            case "window-change" -> new WindowChange(r.readUint32AsInt(), r.readUint32AsInt(), r.readUint32AsInt(),
                    r.readUint32AsInt());
            case "signal" -> new Signal(r.readUtf8());
            case "exit-status" -> new ExitStatusRequest((int) r.readUint32());
            case "exit-signal" -> new ExitSignal(r.readUtf8(), r.readBoolean(), r.readUtf8(), r.readUtf8());
            case "eow@openssh.com" -> new EndOfWrite();
            case "keepalive@openssh.com" -> new Keepalive();
            default -> new Other(request.requestType(), request.data());
        };
        if (!(decoded instanceof Other)) {
            r.ensureEnd();
        }
        return decoded;
    }
}
