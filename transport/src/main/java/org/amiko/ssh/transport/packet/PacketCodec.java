package org.amiko.ssh.transport.packet;

import java.security.SecureRandom;

/**
 * One connection's packet layer: the encoder for what we send, the decoder for what we receive,
 * and the one place key exchange installs keys into both.
 */
public final class PacketCodec implements KeyInstaller {

    private final PacketEncoder encoder;
    private final PacketDecoder decoder;

    /**
     * @param maxOutgoing the largest packet_length the peer accepts
     * @param maxIncoming the largest packet_length we accept
     */
    public PacketCodec(int maxOutgoing, int maxIncoming, SecureRandom random) {
        this.encoder = new PacketEncoder(maxOutgoing, random);
        this.decoder = new PacketDecoder(maxIncoming);
    }

    public PacketEncoder encoder() {
        return encoder;
    }

    public PacketDecoder decoder() {
        return decoder;
    }

    @Override
    public void installOutgoing(DirectionKeys keys) {
        encoder.install(keys);
    }

    @Override
    public void installIncoming(DirectionKeys keys) {
        decoder.install(keys);
    }

    /** After user authentication: delayed compression starts in both directions. */
    public void authenticationSucceeded() {
        encoder.authenticationSucceeded();
        decoder.authenticationSucceeded();
    }
}
