package org.amiko.ssh.transport.packet;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.amiko.ssh.transport.DisconnectReason;
import org.amiko.ssh.transport.ProtocolException;

/**
 * zlib streams for RFC 4253 §6.2: one deflate stream per direction, running across packets and
 * restarted at each NEWKEYS (as OpenSSH does), with every packet flushed so the peer can decode it
 * on its own. OpenSSH flushes with Z_PARTIAL_FLUSH, which the JDK does not offer; Z_SYNC_FLUSH
 * also ends each packet on a byte boundary, and every zlib inflater reads both.
 */
final class Zlib {

    private Zlib() {
    }

    /** The sending side. Used by one thread. */
    static final class Compressor {
        private final Deflater deflater = new Deflater(6); // OpenSSH's level
        /** Bytes the last {@link #compress} call wrote. */
        int produced;

        /**
         * Compresses {@code in[off, off + len)} into {@code out} from {@code outOff}, growing the
         * array as needed; returns the array (perhaps a new one) and sets {@link #produced}.
         */
        byte[] compress(byte[] in, int off, int len, byte[] out, int outOff) {
            deflater.setInput(in, off, len);
            int pos = outOff;
            while (true) {
                if (out.length - pos < 64) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                int space = out.length - pos;
                int n = deflater.deflate(out, pos, space, Deflater.SYNC_FLUSH);
                pos += n;
                if (n < space) {
                    break;
                }
            }
            produced = pos - outOff;
            return out;
        }

        void end() {
            deflater.end();
        }
    }

    /** The receiving side, with a hard bound on the size of one inflated payload. Used by one thread. */
    static final class Decompressor {
        private final Inflater inflater = new Inflater();
        private final int maxPayload;
        private byte[] out = new byte[16 * 1024];
        /** Bytes the last {@link #decompress} call wrote to {@link #buffer()}. */
        int produced;

        Decompressor(int maxPayload) {
            this.maxPayload = maxPayload;
        }

        /** Inflates one packet's payload; the result is {@code buffer()[0, produced)}. */
        void decompress(byte[] in, int off, int len) throws ProtocolException {
            inflater.setInput(in, off, len);
            int pos = 0;
            try {
                while (true) {
                    if (pos == out.length) {
                        if (out.length > maxPayload) {
                            throw new ProtocolException(DisconnectReason.COMPRESSION_ERROR,
                                    "inflated payload exceeds " + maxPayload + " bytes");
                        }
                        out = Arrays.copyOf(out, Math.min(out.length * 2, maxPayload + 1));
                    }
                    int n = inflater.inflate(out, pos, out.length - pos);
                    pos += n;
                    if (inflater.finished() || inflater.needsDictionary()) {
                        throw new ProtocolException(DisconnectReason.COMPRESSION_ERROR,
                                "zlib stream ended or asked for a dictionary");
                    }
                    if (pos < out.length && inflater.needsInput()) {
                        break;
                    }
                    if (n == 0 && pos < out.length) {
                        throw new ProtocolException(DisconnectReason.COMPRESSION_ERROR, "zlib made no progress");
                    }
                }
            } catch (DataFormatException e) {
                throw new ProtocolException(DisconnectReason.COMPRESSION_ERROR, "bad zlib data: " + e.getMessage());
            }
            if (pos > maxPayload) {
                throw new ProtocolException(DisconnectReason.COMPRESSION_ERROR,
                        "inflated payload exceeds " + maxPayload + " bytes");
            }
            produced = pos;
        }

        byte[] buffer() {
            return out;
        }

        void end() {
            inflater.end();
        }
    }
}
