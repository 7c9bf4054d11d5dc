package org.amiko.ssh.transport.packet;

import java.security.SecureRandom;

/**
 * One connection's packet layer: the encoder for what we send, the decoder for what we receive,
 * and the one place key exchange installs keys into both.
 */
public final class PacketCodec implements KeyInstaller {

    private final PacketEncoder encoder;
    private final PacketDecoder decoder;

    public PacketCodec(int maxPacketLength, SecureRandom random) {
        this.encoder = new PacketEncoder(Math.min(maxPacketLength, PacketDecoder.DEFAULT_MAX_PACKET_LENGTH), random);
        this.decoder = new PacketDecoder(maxPacketLength);
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
