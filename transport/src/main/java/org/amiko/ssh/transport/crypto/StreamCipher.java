package org.amiko.ssh.transport.crypto;

/**
 * A cipher applied in place over the whole stream of packets, keeping its state from one packet
 * to the next (RFC 4253 §6.3: "the cipher state continues"): AES-CTR, or none.
 */
interface StreamCipher {

    int blockSize();

    /** Encrypts or decrypts {@code buf[off, off + len)} in place; {@code len} is a multiple of the block size. */
    void apply(byte[] buf, int off, int len);

    /** The "none" cipher of RFC 4253 §6.3, used until the first NEWKEYS. */
    StreamCipher NONE = new StreamCipher() {
        @Override
        public int blockSize() {
            return 8;
        }

        @Override
        public void apply(byte[] buf, int off, int len) {
        }
    };
}
