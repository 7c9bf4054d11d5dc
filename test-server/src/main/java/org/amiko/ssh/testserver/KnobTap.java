package org.amiko.ssh.testserver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.amiko.ssh.transport.DisconnectReason;
import org.amiko.ssh.transport.seam.PacketTap;
import org.amiko.ssh.transport.message.Debug;
import org.amiko.ssh.transport.message.Disconnect;
import org.amiko.ssh.transport.message.Ignore;
import org.amiko.ssh.transport.wire.Bytes;

/**
 * The transport side of the {@link Knobs} of one connection: preamble lines, IGNORE and DEBUG
 * noise, and the {@link Fault}s. Runs under the transport's write lock (see {@link PacketTap}).
 */
final class KnobTap implements PacketTap {

    private final Knobs knobs;
    private final Runnable closeConnection;
    private final Set<Fault> struck = new HashSet<>(); // guarded by this
    private int upperMessages;                          // guarded by this
    private boolean silent;                             // guarded by this
    private byte[] corruptNext;                         // guarded by this: the payload whose packet gets a flipped bit

    KnobTap(Knobs knobs, Runnable closeConnection) {
        this.knobs = knobs;
        this.closeConnection = closeConnection;
    }

    @Override
    public List<String> preamble() {
        return knobs.preamble();
    }

    @Override
    public synchronized List<byte[]> outgoing(byte[] payload) {
        if (silent) {
            return List.of();
        }
        int id = payload[0] & 0xff;
        for (Fault f : knobs.faults()) {
            if (f.messageNumber() != id || !struck.add(f)) {
                continue;
            }
            if (f instanceof Fault.StallAt) {
                silent = true;
                return List.of();
            }
            if (f instanceof Fault.DisconnectAt) {
                silent = true;
                Thread closer = new Thread(closeConnection, "amiko-fault-disconnect");
                closer.setDaemon(true);
                closer.start();
                return List.of(new Disconnect(DisconnectReason.BY_APPLICATION.code(),
                        "fault injected at message " + id, "").toPayload());
            }
            if (f instanceof Fault.MalformedAt) {
                payload = payload.length > 1 ? Arrays.copyOf(payload, Math.max(1, payload.length / 2))
                        : new byte[] {payload[0], (byte) 0xff};
            }
            if (f instanceof Fault.CorruptMacAt) {
                corruptNext = payload;
            }
        }
        if (id < 50) {
            return List.of(payload); // noise only among the upper layers' messages: strict kex forbids it earlier
        }
        upperMessages++;
        List<byte[]> out = new ArrayList<>(3);
        if (knobs.ignoreEvery() > 0 && upperMessages % knobs.ignoreEvery() == 0) {
            out.add(new Ignore(Bytes.of(new byte[upperMessages % 64])).toPayload());
        }
        if (knobs.debugEvery() > 0 && upperMessages % knobs.debugEvery() == 0) {
            out.add(new Debug(false, "amiko test server: message " + upperMessages, "").toPayload());
        }
        out.add(payload);
        return out;
    }

    @Override
    public synchronized void encoded(byte[] payload, byte[] wire, int offset, int length) {
        if (payload == corruptNext) {
            corruptNext = null;
            wire[offset + length - 1] ^= 0x01; // the last byte is the MAC's (or the AEAD tag's)
        }
    }
}
