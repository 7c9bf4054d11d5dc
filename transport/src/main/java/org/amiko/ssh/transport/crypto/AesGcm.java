package org.amiko.ssh.transport.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.amiko.ssh.transport.IntegrityException;

/**
 * aes128-gcm@openssh.com and aes256-gcm@openssh.com: RFC 5647 as OpenSSH uses it (PROTOCOL §1.6:
 * the MAC is implied by the cipher, not negotiated). The 4-byte length is sent in the clear as
 * additional authenticated data; the rest is encrypted; a 16-byte tag follows. The 12-byte nonce
 * is a 4-byte fixed field and an 8-byte invocation counter that grows by one per packet (RFC 5647
 * §7.1). The JDK's JCA provides AES-GCM.
 */
final class AesGcm {

    static final int TAG_LENGTH = 16;

    private AesGcm() {
    }

    /** The key, and the nonce that advances after every packet. */
    private static final class State {
        final Cipher cipher;
        final SecretKeySpec key;
        final byte[] nonce;
        final int mode;

        State(byte[] key, int keyLength, byte[] iv, int mode) {
            try {
                this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/GCM is not available in this JDK", e);
            }
            this.key = new SecretKeySpec(key, 0, keyLength, "AES");
            this.nonce = Arrays.copyOf(iv, 12);
            this.mode = mode;
        }

        Cipher start(byte[] buf, int off) throws GeneralSecurityException {
            cipher.init(mode, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(buf, off, 4);
            return cipher;
        }

        /** RFC 5647 §7.1: the invocation counter is the low 64 bits, incremented after each packet. */
        void advance() {
            for (int i = 11; i >= 4; i--) {
                if (++nonce[i] != 0) {
                    return;
                }
            }
        }
    }

    static final class Sealer implements PacketSealer {
        private final State state;

        /** Uses {@code key[0, keyLength)} and {@code iv[0, 12)}. */
        Sealer(byte[] key, int keyLength, byte[] iv) {
            state = new State(key, keyLength, iv, Cipher.ENCRYPT_MODE);
        }

        @Override
        public int blockSize() {
            return 16;
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
            try {
                state.start(buf, off).doFinal(buf, off + 4, packetLength, buf, off + 4);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM encryption failed", e);
            }
            state.advance();
        }
    }

    static final class Opener implements PacketOpener {
        private final State state;

        Opener(byte[] key, int keyLength, byte[] iv) {
            state = new State(key, keyLength, iv, Cipher.DECRYPT_MODE);
        }

        @Override
        public int blockSize() {
            return 16;
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
            return ((buf[off] & 0xff) << 24) | ((buf[off + 1] & 0xff) << 16)
                    | ((buf[off + 2] & 0xff) << 8) | (buf[off + 3] & 0xff);
        }

        @Override
        public void open(int seq, byte[] buf, int off, int packetLength) throws IntegrityException {
            try {
                state.start(buf, off).doFinal(buf, off + 4, packetLength + TAG_LENGTH, buf, off + 4);
            } catch (AEADBadTagException e) {
                throw new IntegrityException("AES-GCM tag mismatch on packet " + Integer.toUnsignedString(seq));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM decryption failed", e);
            }
            state.advance();
        }
    }
}
