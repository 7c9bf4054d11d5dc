package org.amiko.ssh.transport.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.amiko.ssh.transport.IntegrityException;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * chacha20-poly1305@openssh.com (OpenSSH PROTOCOL.chacha20poly1305). The 64 bytes of key are two
 * ChaCha20 keys: K_2 (the first 32) encrypts the packet body, K_1 (the last 32) encrypts the
 * 4-byte length on its own. The nonce is the sequence number as a uint64. ChaCha20 block 0 under
 * K_2 gives the one-time Poly1305 key; the body is encrypted from block 1 on. The tag covers the
 * encrypted length and the encrypted body.
 *
 * <p>OpenSSH uses the original ChaCha20 (64-bit nonce, 64-bit block counter). With the counter's
 * high word zero, that is the RFC 8439 cipher of the JDK with the 96-bit nonce {@code 00000000 ||
 * uint64 seq}, which is how it is built here: ChaCha20 from the JDK's JCA, Poly1305 from Bouncy
 * Castle (the JDK keeps its Poly1305 internal).
 */
final class ChaCha20Poly1305 {

    static final int TAG_LENGTH = 16;

    private ChaCha20Poly1305() {
    }

    /** Both keys, the Poly1305 state and the scratch space; one per direction. */
    private static final class State {
        private static final byte[] ZEROS = new byte[64];

        final Cipher body;
        final Cipher header;
        final SecretKeySpec bodyKey;   // K_2
        final SecretKeySpec headerKey; // K_1
        final Poly1305 poly = new Poly1305();
        final byte[] nonce = new byte[12];
        final byte[] block0 = new byte[64];
        final byte[] tag = new byte[TAG_LENGTH];
        final byte[] length = new byte[4];

        State(byte[] key) {
            if (key.length < 64) {
                throw new IllegalArgumentException("chacha20-poly1305 needs 64 bytes of key, got " + key.length);
            }
            try {
                body = Cipher.getInstance("ChaCha20");
                header = Cipher.getInstance("ChaCha20");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("ChaCha20 is not available in this JDK", e);
            }
            bodyKey = new SecretKeySpec(key, 0, 32, "ChaCha20");
            headerKey = new SecretKeySpec(key, 32, 32, "ChaCha20");
        }

        private void setNonce(int seq) {
            nonce[8] = (byte) (seq >>> 24);
            nonce[9] = (byte) (seq >>> 16);
            nonce[10] = (byte) (seq >>> 8);
            nonce[11] = (byte) seq;
        }

        /**
         * XORs the K_1 keystream over 4 length bytes. Decrypt mode for both directions: for plain
         * ChaCha20 it is the same operation, and the JDK refuses to re-init encrypt mode with a
         * repeated key and nonce, which this construction does by design (counter 0 then 1).
         */
        void cryptLength(int seq, byte[] in, int inOff, byte[] out, int outOff) {
            setNonce(seq);
            try {
                header.init(Cipher.DECRYPT_MODE, headerKey, new ChaCha20ParameterSpec(nonce, 0));
                header.update(in, inOff, 4, out, outOff);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("ChaCha20 failed", e);
            }
        }

        /** Starts the body cipher for packet {@code seq} and keys Poly1305 from block 0. */
        void startBody(int seq) {
            setNonce(seq);
            try {
                body.init(Cipher.DECRYPT_MODE, bodyKey, new ChaCha20ParameterSpec(nonce, 0));
                body.update(ZEROS, 0, 64, block0, 0);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("ChaCha20 failed", e);
            }
            poly.init(new KeyParameter(block0, 0, 32));
            Arrays.fill(block0, (byte) 0);
        }

        /** Continues the body keystream (from block 1) over {@code buf[off, off + len)}. */
        void cryptBody(byte[] buf, int off, int len) {
            try {
                body.update(buf, off, len, buf, off);
            } catch (ShortBufferException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static final class Sealer implements PacketSealer {
        private final State state;

        Sealer(byte[] key) {
            state = new State(key);
        }

        @Override
        public int blockSize() {
            return 8;
        }

        @Override
        public boolean lengthAligned() {
            return false;
        }

        @Override
        public int tagLength() {
            return TAG_LENGTH;
        }

        @Override
        public void seal(int seq, byte[] buf, int off, int packetLength) {
            state.cryptLength(seq, buf, off, buf, off);
            state.startBody(seq);
            state.cryptBody(buf, off + 4, packetLength);
            state.poly.update(buf, off, 4 + packetLength);
            state.poly.doFinal(buf, off + 4 + packetLength);
        }
    }

    static final class Opener implements PacketOpener {
        private final State state;

        Opener(byte[] key) {
            state = new State(key);
        }

        @Override
        public int blockSize() {
            return 8;
        }

        @Override
        public boolean lengthAligned() {
            return false;
        }

        @Override
        public int tagLength() {
            return TAG_LENGTH;
        }

        @Override
        public int headerLength() {
            return 4;
        }

        @Override
        public int packetLength(int seq, byte[] buf, int off) {
            // The tag covers the encrypted length, so the buffer keeps it; decrypt a copy.
            byte[] len = state.length;
            state.cryptLength(seq, buf, off, len, 0);
            return ((len[0] & 0xff) << 24) | ((len[1] & 0xff) << 16) | ((len[2] & 0xff) << 8) | (len[3] & 0xff);
        }

        @Override
        public void open(int seq, byte[] buf, int off, int packetLength) throws IntegrityException {
            state.startBody(seq);
            state.poly.update(buf, off, 4 + packetLength);
            state.poly.doFinal(state.tag, 0);
            if (!ConstantTime.equals(state.tag, 0, buf, off + 4 + packetLength, TAG_LENGTH)) {
                throw new IntegrityException("Poly1305 tag mismatch on packet " + Integer.toUnsignedString(seq));
            }
            state.cryptBody(buf, off + 4, packetLength);
        }
    }
}
