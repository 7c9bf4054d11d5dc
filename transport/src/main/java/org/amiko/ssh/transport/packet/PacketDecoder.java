package org.amiko.ssh.transport.packet;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.amiko.ssh.transport.DisconnectReason;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.SshException;
import org.amiko.ssh.transport.crypto.Ciphers;
import org.amiko.ssh.transport.crypto.PacketOpener;

/**
 * Reassembles RFC 4253 §6 binary packets from bytes that arrive in any chunking (the layout is
 * drawn in {@link PacketEncoder}). Bytes go in with {@link #feed} or {@link #readFrom}; {@link
 * #next()} returns each complete, authenticated, decrypted and decompressed payload, or {@code
 * null} while more bytes are needed.
 *
 * <p>Hostile input ends in a {@link ProtocolException} (an {@link
 * org.amiko.ssh.transport.IntegrityException} when a MAC or tag fails), never in wrong plaintext
 * handed upward: the packet length is checked against the configured maximum before any buffer
 * grows for it. After an exception the decoder stays failed.
 *
 * <p>Not thread-safe: only the transport's reader thread uses it.
 */
public final class PacketDecoder {

    /** RFC 4253 §6.1: every implementation accepts packets of at least 35000 bytes. */
    public static final int MIN_MAX_PACKET_LENGTH = 35000;
    /** OpenSSH's limit on packet_length (PACKET_MAX_SIZE), our default. */
    public static final int DEFAULT_MAX_PACKET_LENGTH = 256 * 1024;
    /** The largest limit that may be configured; keeps every length computation far from int overflow. */
    public static final int MAX_MAX_PACKET_LENGTH = 16 * 1024 * 1024;

    private final int maxPacketLength;
    private final ByteView payload = new ByteView();
    private byte[] buf = new byte[36 * 1024];
    private int start;               // first byte not yet consumed
    private int end;                 // one past the last byte fed
    private int pendingLength = -1;  // packet_length of the packet at start, once its header is read
    private PacketOpener opener = Ciphers.noneOpener();
    private Zlib.Decompressor decompressor;  // non-null while compression is on
    private boolean delayedCompression;
    private boolean authenticated;
    private int seq;
    private SshException failure;

    public PacketDecoder() {
        this(DEFAULT_MAX_PACKET_LENGTH);
    }

    /** @param maxPacketLength the largest packet_length accepted, 35000 to 16 MiB */
    public PacketDecoder(int maxPacketLength) {
        if (maxPacketLength < MIN_MAX_PACKET_LENGTH || maxPacketLength > MAX_MAX_PACKET_LENGTH) {
            throw new IllegalArgumentException("maxPacketLength must be between " + MIN_MAX_PACKET_LENGTH
                    + " and " + MAX_MAX_PACKET_LENGTH + ", got " + maxPacketLength);
        }
        this.maxPacketLength = maxPacketLength;
    }

    /** Copies {@code src[off, off + len)} in after the bytes already held. */
    public void feed(byte[] src, int off, int len) {
        makeRoom(len);
        System.arraycopy(src, off, buf, end, len);
        end += len;
    }

    public void feed(byte[] src) {
        feed(src, 0, src.length);
    }

    /**
     * Reads once from {@code in} straight into the decoder's buffer.
     *
     * @return the number of bytes read, or -1 at end of stream
     */
    public int readFrom(InputStream in) throws IOException {
        if (failure != null) {
            throw new ProtocolException("the packet stream already failed: " + failure.getMessage());
        }
        makeRoom(pendingLength < 0 ? 8192 : Math.max(8192, wholePacket(pendingLength) - (end - start)));
        int n = in.read(buf, end, buf.length - end);
        if (n > 0) {
            end += n;
        }
        return n;
    }

    /** Bytes received but not yet returned as packets. */
    public int buffered() {
        return end - start;
    }

    /** Makes at least {@code n} bytes free after {@code end}, moving or growing the buffer. */
    private void makeRoom(int n) {
        if (buf.length - end >= n) {
            return;
        }
        int held = end - start;
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, held);
            start = 0;
            end = held;
        }
        if (buf.length - end < n) {
            long wanted = Math.max((long) buf.length * 2, (long) end + n);
            buf = Arrays.copyOf(buf, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
        }
    }

    /** The buffer's size, for tests that check nothing was allocated for a hostile length. */
    int capacity() {
        return buf.length;
    }

    private int wholePacket(int packetLength) {
        return 4 + packetLength + opener.tagLength();
    }

    /**
     * The next payload, or {@code null} if the bytes held do not yet make a whole packet. The
     * view is valid until the next call to this decoder.
     */
    public ByteView next() throws ProtocolException {
        if (failure != null) {
            throw new ProtocolException("the packet stream already failed: " + failure.getMessage());
        }
        try {
            return decodeOne();
        } catch (ProtocolException e) {
            failure = e;
            throw e;
        } catch (RuntimeException e) {
            // A bug of ours, not the peer's; still the stream is unusable, and the caller gets the typed error.
            failure = new ProtocolException(DisconnectReason.PROTOCOL_ERROR, "internal error while decoding a packet: " + e, e);
            throw (ProtocolException) failure;
        }
    }

    private ByteView decodeOne() throws ProtocolException {
        if (pendingLength < 0) {
            if (end - start < opener.headerLength()) {
                return null;
            }
            pendingLength = checkedLength(opener.packetLength(seq, buf, start));
        }
        int total = wholePacket(pendingLength);
        if (end - start < total) {
            return null;
        }
        int packetLength = pendingLength;
        opener.open(seq, buf, start, packetLength);
        int padding = buf[start + 4] & 0xff;
        // RFC 4253 §6: at least four bytes of padding, and the payload cannot be negative.
        if (padding < 4 || padding > packetLength - 1) {
            throw new ProtocolException("bad padding_length " + padding + " in a packet of " + packetLength);
        }
        int payloadOffset = start + 5;
        int payloadLength = packetLength - 1 - padding;
        if (payloadLength == 0) {
            // Every message has at least its number (OpenSSH fails reading it, too).
            throw new ProtocolException("empty payload");
        }
        seq++;
        start += total;
        pendingLength = -1;
        if (start == end) {
            start = end = 0;
        }
        if (decompressor != null) {
            decompressor.decompress(buf, payloadOffset, payloadLength);
            if (decompressor.produced == 0) {
                throw new ProtocolException("empty payload after decompression");
            }
            payload.set(decompressor.buffer(), 0, decompressor.produced);
        } else {
            payload.set(buf, payloadOffset, payloadLength);
        }
        return payload;
    }

    /** RFC 4253 §6: the length is bounded and the padded packet is a whole number of cipher blocks. */
    private int checkedLength(int packetLength) throws ProtocolException {
        if (packetLength < 0 || packetLength > maxPacketLength) {
            throw new ProtocolException("packet_length " + Integer.toUnsignedLong(packetLength)
                    + " exceeds the maximum " + maxPacketLength);
        }
        int bs = opener.blockSize();
        int aligned = opener.lengthAligned() ? 4 + packetLength : packetLength;
        if (packetLength < 5 || aligned % bs != 0 || 4 + packetLength < opener.headerLength()) {
            throw new ProtocolException("packet_length " + packetLength + " is not a valid padded length for block size " + bs);
        }
        return packetLength;
    }

    /**
     * Takes new keys for every later packet (RFC 4253 §7.3: after receiving NEWKEYS). Must be
     * called between packets, before the next call to {@link #next()}.
     */
    public void install(DirectionKeys keys) {
        if (pendingLength >= 0) {
            throw new IllegalStateException("new keys in the middle of a packet");
        }
        byte[] key = keys.key().toByteArray();
        byte[] iv = keys.iv().toByteArray();
        byte[] macKey = keys.macKey().toByteArray();
        try {
            opener = Ciphers.opener(keys.cipher(), keys.mac(), key, iv, macKey);
        } finally {
            // The ciphers hold their own copies (the JCA key specs copy); wipe these.
            Arrays.fill(key, (byte) 0);
            Arrays.fill(iv, (byte) 0);
            Arrays.fill(macKey, (byte) 0);
        }
        if (decompressor != null) {
            decompressor.end();
            decompressor = null;
        }
        delayedCompression = false;
        switch (keys.compression()) {
            case Compression.ZLIB -> decompressor = new Zlib.Decompressor(maxPacketLength);
            case Compression.ZLIB_DELAYED -> {
                if (authenticated) {
                    decompressor = new Zlib.Decompressor(maxPacketLength);
                } else {
                    delayedCompression = true;
                }
            }
            default -> { }
        }
    }

    /** Marks user authentication as done; zlib@openssh.com takes effect from the next packet. */
    public void authenticationSucceeded() {
        authenticated = true;
        if (delayedCompression) {
            delayedCompression = false;
            decompressor = new Zlib.Decompressor(maxPacketLength);
        }
    }

    public boolean decompressing() {
        return decompressor != null;
    }

    /** The sequence number of the next packet, 0 to 2^32-1. */
    public long sequenceNumber() {
        return Integer.toUnsignedLong(seq);
    }

    /** Strict key exchange (OpenSSH PROTOCOL §1.10): the sequence number restarts at 0 after NEWKEYS. */
    public void resetSequenceNumber() {
        seq = 0;
    }

    void seekSequenceNumber(int seq) {
        this.seq = seq;
    }
}
