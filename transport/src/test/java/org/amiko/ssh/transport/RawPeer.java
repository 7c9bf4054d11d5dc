package org.amiko.ssh.transport;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import org.amiko.ssh.transport.io.MemoryPipe;
import org.amiko.ssh.transport.io.VersionExchange;
import org.amiko.ssh.transport.message.KexInit;
import org.amiko.ssh.transport.packet.ByteView;
import org.amiko.ssh.transport.packet.PacketDecoder;
import org.amiko.ssh.transport.packet.PacketEncoder;
import org.amiko.ssh.transport.wire.Bytes;

/**
 * A hand-driven peer built from our own codec, for hostile and unusual sequences: it sends
 * exactly the cleartext packets a test tells it to and reads what comes back.
 */
final class RawPeer implements AutoCloseable {

    private final MemoryPipe.End end;
    private final PacketEncoder encoder = new PacketEncoder(64 * 1024, new SecureRandom());
    private final PacketDecoder decoder = new PacketDecoder();
    final String peerVersion;

    private RawPeer(MemoryPipe.End end, String identification, boolean peerIsServer) throws IOException {
        this.end = end;
        VersionExchange.send(end.out(), identification);
        peerVersion = VersionExchange.receive(end.in(), peerIsServer).identification();
    }

    /** A raw client speaking to {@code server}'s end of the pipe. */
    static RawPeer client(MemoryPipe.End end) throws IOException {
        return new RawPeer(end, "SSH-2.0-RawPeer", true);
    }

    static RawPeer server(MemoryPipe.End end) throws IOException {
        return new RawPeer(end, "SSH-2.0-RawPeer", false);
    }

    void send(byte[] payload) throws IOException {
        encoder.write(payload, 0, payload.length, end.out());
        end.out().flush();
    }

    /** The next payload, or null at end of stream. Blocks: use under a test timeout. */
    byte[] receive() throws IOException {
        while (true) {
            ByteView v = decoder.next();
            if (v != null) {
                return v.toBytes().toByteArray();
            }
            if (decoder.readFrom(end.in()) < 0) {
                return null;
            }
        }
    }

    /** Reads until a message with this number (returned) or end of stream (null). */
    byte[] receiveUntil(int id) throws IOException {
        for (byte[] p = receive(); p != null; p = receive()) {
            if ((p[0] & 0xff) == id) {
                return p;
            }
        }
        return null;
    }

    static KexInit kexInit(List<String> kex, boolean guessFollows) {
        List<String> ciphers = List.of("aes128-ctr");
        List<String> macs = List.of("hmac-sha2-256");
        return new KexInit(Bytes.of(new byte[16]), kex, List.of("ssh-ed25519"), ciphers, ciphers, macs, macs,
                List.of("none"), List.of("none"), List.of(), List.of(), guessFollows, 0);
    }

    @Override
    public void close() throws IOException {
        end.close();
    }
}
