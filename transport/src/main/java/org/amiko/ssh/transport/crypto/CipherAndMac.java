package org.amiko.ssh.transport.crypto;

import org.amiko.ssh.transport.IntegrityException;

/**
 * A {@link StreamCipher} with an optional {@link Hmac}, in either of the two orders SSH uses:
 *
 * <ul>
 *   <li>encrypt-and-MAC (RFC 4253 §6.4): the MAC covers the plain packet, and the whole packet,
 *       length included, is encrypted;
 *   <li>encrypt-then-MAC, the {@code -etm@openssh.com} MACs (OpenSSH PROTOCOL §1.5): the length
 *       stays in the clear, the rest is encrypted, and the MAC covers the length and ciphertext.
 * </ul>
 */
final class CipherAndMac {

    private CipherAndMac() {
    }

    static final class Sealer implements PacketSealer {
        private final StreamCipher cipher;
        private final Hmac mac; // null for "none"
        private final boolean etm;

        Sealer(StreamCipher cipher, Hmac mac, boolean etm) {
            this.cipher = cipher;
            this.mac = mac;
            this.etm = etm;
        }

        @Override
        public int blockSize() {
            return cipher.blockSize();
        }

        @Override
        public boolean lengthAligned() {
            return !etm;
        }

        @Override
        public int tagLength() {
            return mac == null ? 0 : mac.length();
        }

        @Override
        public void seal(int seq, byte[] buf, int off, int packetLength) {
            int total = 4 + packetLength;
            if (etm) {
                cipher.apply(buf, off + 4, packetLength);
                mac.compute(seq, buf, off, total, buf, off + total);
            } else {
                if (mac != null) {
                    mac.compute(seq, buf, off, total, buf, off + total);
                }
                cipher.apply(buf, off, total);
            }
        }
    }

    static final class Opener implements PacketOpener {
        private final StreamCipher cipher;
        private final Hmac mac; // null for "none"
        private final boolean etm;

        Opener(StreamCipher cipher, Hmac mac, boolean etm) {
            this.cipher = cipher;
            this.mac = mac;
            this.etm = etm;
        }

        @Override
        public int blockSize() {
            return cipher.blockSize();
        }

        @Override
        public boolean lengthAligned() {
            return !etm;
        }

        @Override
        public int tagLength() {
            return mac == null ? 0 : mac.length();
        }

        @Override
        public int headerLength() {
            // Encrypt-and-MAC: the length is inside the first cipher block, which must be decrypted whole.
            return etm || cipher == StreamCipher.NONE ? 4 : cipher.blockSize();
        }

        @Override
        public int packetLength(int seq, byte[] buf, int off) {
            if (!etm && cipher != StreamCipher.NONE) {
                cipher.apply(buf, off, cipher.blockSize());
            }
            return ((buf[off] & 0xff) << 24) | ((buf[off + 1] & 0xff) << 16)
                    | ((buf[off + 2] & 0xff) << 8) | (buf[off + 3] & 0xff);
        }

        @Override
        public void open(int seq, byte[] buf, int off, int packetLength) throws IntegrityException {
            int total = 4 + packetLength;
            if (etm) {
                if (!mac.verify(seq, buf, off, total, buf, off + total)) {
                    throw new IntegrityException("MAC mismatch on packet " + Integer.toUnsignedString(seq));
                }
                cipher.apply(buf, off + 4, packetLength);
            } else {
                int done = headerLength(); // decrypted by packetLength
                cipher.apply(buf, off + done, total - done);
                if (mac != null && !mac.verify(seq, buf, off, total, buf, off + total)) {
                    throw new IntegrityException("MAC mismatch on packet " + Integer.toUnsignedString(seq));
                }
            }
        }
    }
}
