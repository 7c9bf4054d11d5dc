package org.amiko.ssh.channel.session;

import java.util.LinkedHashMap;
import java.util.Map;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * RFC 4254 §8 encoded terminal modes of a {@code pty-req}: opcode bytes each followed by a uint32
 * value, ended by TTY_OP_END (0). Opcodes 160 to 255 are not defined and stop the parsing, as the
 * RFC asks.
 */
public record TerminalModes(Map<Integer, Long> modes) {

    public static final int TTY_OP_END = 0;
    public static final int VINTR = 1;
    public static final int VEOF = 4;
    public static final int ISIG = 50;
    public static final int ICANON = 51;
    public static final int ECHO = 53;
    public static final int OPOST = 70;
    public static final int TTY_OP_ISPEED = 128;
    public static final int TTY_OP_OSPEED = 129;

    public static final TerminalModes NONE = new TerminalModes(Map.of());

    public TerminalModes {
        for (int op : modes.keySet()) {
            if (op <= TTY_OP_END || op >= 160) {
                throw new IllegalArgumentException("terminal mode opcode " + op);
            }
        }
        modes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(modes));
    }

    public Bytes encode() {
        SshWriter w = new SshWriter();
        modes.forEach((op, value) -> w.writeByte(op).writeUint32(value));
        w.writeByte(TTY_OP_END);
        return w.toBytes();
    }

    public static TerminalModes decode(Bytes encoded) throws ProtocolException {
        SshReader r = SshReader.of(encoded);
        Map<Integer, Long> modes = new LinkedHashMap<>();
        while (r.remaining() > 0) {
            int op = r.readByte();
            if (op == TTY_OP_END || op >= 160) {
                break;
            }
            modes.put(op, r.readUint32());
        }
        return new TerminalModes(modes);
    }
}
