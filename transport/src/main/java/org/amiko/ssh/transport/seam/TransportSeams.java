package org.amiko.ssh.transport.seam;

import java.util.Objects;

/**
 * The test seams of one transport, for conformance testing of peers (the test server's knobs):
 * what it sends may be tapped, and its first KEXINIT may be followed by a wrong guess. Kept out of
 * {@code TransportConfig} so that a production transport has neither: it is started without seams
 * and its send path has no tap to consult.
 *
 * @param tap sees and may change what is sent
 * @param wrongKexGuess the first KEXINIT says first_kex_packet_follows and a guessed packet
 *     (message 30) follows it, a wrong guess the peer must skip (RFC 4253 §7); only sound when the
 *     peer's first key exchange method differs from ours
 */
public record TransportSeams(PacketTap tap, boolean wrongKexGuess) {

    public TransportSeams {
        Objects.requireNonNull(tap, "tap");
    }
}
