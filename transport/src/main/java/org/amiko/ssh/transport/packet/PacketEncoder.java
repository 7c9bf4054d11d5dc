package org.amiko.ssh.transport.packet;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import org.amiko.ssh.transport.crypto.Ciphers;
import org.amiko.ssh.transport.crypto.PacketSealer;

/**
 * Frames outgoing payloads as RFC 4253 §6 binary packets:
 *
 * <pre>
 *   uint32    packet_length     bytes that follow, without the MAC
 *   byte      padding_length    4 to 255
 *   byte[n1]  payload           n1 = packet_length - padding_length - 1, compressed if negotiated
 *   byte[n2]  random padding    n2 = padding_length
 *   byte[m]   mac               or AEAD tag, m = its length
 * </pre>
 *
 * The padded total is a multiple of the cipher block size (at least 8), counting the length field
 * or not as the mode requires (see {@link PacketSealer#lengthAligned()}), and at least 16 bytes.
 * The packet is built and encrypted in one reused buffer.
 *
 * <p>Not thread-safe: the transport serializes writes.
 */
public final class PacketEncoder {

    private static final int HEADER = 5; // packet_length and padding_length

    /** Room left for padding and for zlib's worst-case growth of an incompressible payload. */
    static final int FRAMING_MARGIN = 1024;

    private final int maxPacketLength;
    private final PaddingSource padding;
    private final ByteView wire = new ByteView();
    private byte[] buf = new byte[36 * 1024];
    private PacketSealer sealer = Ciphers.noneSealer();
    private Zlib.Compressor compressor;  // non-null while compression is on
    private boolean delayedCompression;  // zlib@openssh.com negotiated, waiting for authentication
    private boolean authenticated;
    private int seq;                     // RFC 4253 §6.4: unsigned, wraps at 2^32

    /**
     * @param maxPacketLength the largest packet_length this side sends: what the peer accepts
     *     (RFC 4253 §6.1 guarantees 35000; OpenSSH accepts 256 KiB). Payloads may be up to
     *     {@value #FRAMING_MARGIN} bytes shorter, to leave room for padding and compression.
     * @param random the source of padding bytes
     */
    public PacketEncoder(int maxPacketLength, SecureRandom random) {
        if (maxPacketLength < PacketDecoder.MIN_MAX_PACKET_LENGTH || maxPacketLength > PacketDecoder.MAX_MAX_PACKET_LENGTH) {
            throw new IllegalArgumentException("maxPacketLength must be between " + PacketDecoder.MIN_MAX_PACKET_LENGTH
                    + " and " + PacketDecoder.MAX_MAX_PACKET_LENGTH + ", got " + maxPacketLength);
        }
        this.maxPacketLength = maxPacketLength;
        this.padding = new PaddingSource(random);
    }

    /** The largest payload {@link #encode} takes. */
    public int maxPayload() {
        return maxPacketLength - FRAMING_MARGIN;
    }

    /**
     * Encodes one payload of 1 to {@link #maxPayload()} bytes (every message has at least its
     * number). The returned view holds the wire bytes and is valid until the next call.
     */
    public ByteView encode(byte[] payload, int off, int len) {
        if (len < 1 || len > maxPayload()) {
            throw new IllegalArgumentException("payload of " + len + " bytes; it must be 1 to " + maxPayload());
        }
        int payloadLength;
        if (compressor != null) {
            buf = compressor.compress(payload, off, len, buf, HEADER);
            payloadLength = compressor.produced;
        } else {
            ensureCapacity(HEADER + len);
            System.arraycopy(payload, off, buf, HEADER, len);
            payloadLength = len;
        }
        return frame(payloadLength);
    }

    public ByteView encode(byte[] payload) {
        return encode(payload, 0, payload.length);
    }

    /** Encodes one payload and writes the packet to {@code out}. */
    public void write(byte[] payload, int off, int len, OutputStream out) throws IOException {
        ByteView v = encode(payload, off, len);
        out.write(v.array(), v.offset(), v.length());
    }

    /** Pads and seals the payload already at {@code buf[HEADER, HEADER + payloadLength)}. */
    private ByteView frame(int payloadLength) {
        int bs = sealer.blockSize();
        int aligned = (sealer.lengthAligned() ? 4 : 0) + 1 + payloadLength;
        int pad = bs - aligned % bs;
        if (pad < 4) {
            pad += bs;
        }
        while (4 + 1 + payloadLength + pad < 16) {
            pad += bs; // RFC 4253 §6: the minimum packet is 16 bytes
        }
        int packetLength = 1 + payloadLength + pad;
        if (packetLength > maxPacketLength) {
            // Unreachable while FRAMING_MARGIN covers zlib's worst case; checked before a sequence number is used.
            throw new IllegalStateException("packet of " + packetLength + " bytes exceeds " + maxPacketLength);
        }
        int total = 4 + packetLength + sealer.tagLength();
        ensureCapacity(total);
        buf[0] = (byte) (packetLength >>> 24);
        buf[1] = (byte) (packetLength >>> 16);
        buf[2] = (byte) (packetLength >>> 8);
        buf[3] = (byte) packetLength;
        buf[4] = (byte) pad;
        padding.fill(buf, HEADER + payloadLength, pad);
        sealer.seal(seq, buf, 0, packetLength);
        seq++;
        wire.set(buf, 0, total);
        return wire;
    }

    private void ensureCapacity(int n) {
        if (buf.length < n + 64) {
            buf = Arrays.copyOf(buf, Math.max(n + 64, buf.length * 2));
        }
    }

    /**
     * Takes new keys for every later packet (RFC 4253 §7.3: after sending NEWKEYS). A compression
     * stream restarts; zlib@openssh.com starts at once if authentication already succeeded.
     */
    public void install(DirectionKeys keys) {
        byte[] key = keys.key().toByteArray();
        byte[] iv = keys.iv().toByteArray();
        byte[] macKey = keys.macKey().toByteArray();
        try {
            sealer = Ciphers.sealer(keys.cipher(), keys.mac(), key, iv, macKey);
        } finally {
            // The ciphers hold their own copies (the JCA key specs copy); wipe these.
            Arrays.fill(key, (byte) 0);
            Arrays.fill(iv, (byte) 0);
            Arrays.fill(macKey, (byte) 0);
        }
        if (compressor != null) {
            compressor.end();
            compressor = null;
        }
        delayedCompression = false;
        switch (keys.compression()) {
            case Compression.ZLIB -> compressor = new Zlib.Compressor();
            case Compression.ZLIB_DELAYED -> {
                if (authenticated) {
                    compressor = new Zlib.Compressor();
                } else {
                    delayedCompression = true;
                }
            }
            default -> { }
        }
    }

    /**
     * Marks user authentication as done (OpenSSH PROTOCOL: the server after sending, the client
     * after receiving USERAUTH_SUCCESS); zlib@openssh.com takes effect from the next packet.
     */
    public void authenticationSucceeded() {
        authenticated = true;
        if (delayedCompression) {
            delayedCompression = false;
            compressor = new Zlib.Compressor();
        }
    }

    /** Whether payloads are compressed now. */
    public boolean compressing() {
        return compressor != null;
    }

    /** The sequence number of the next packet, 0 to 2^32-1. */
    public long sequenceNumber() {
        return Integer.toUnsignedLong(seq);
    }

    /** Strict key exchange (OpenSSH PROTOCOL §1.10): the sequence number restarts at 0 after NEWKEYS. */
    public void resetSequenceNumber() {
        seq = 0;
    }

    /** For tests of wrap-around at 2^32. */
    void seekSequenceNumber(int seq) {
        this.seq = seq;
    }
}
