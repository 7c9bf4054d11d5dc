package org.amiko.ssh.transport.packet;

import java.util.Objects;
import org.amiko.ssh.transport.crypto.Ciphers;
import org.amiko.ssh.transport.crypto.Macs;
import org.amiko.ssh.transport.wire.SecretBytes;

/**
 * One direction's negotiated algorithms and key material, as key exchange produces them (RFC 4253
 * §7.2: the IV is key A or B, the encryption key C or D, the MAC key E or F).
 *
 * @param cipher a name from {@link Ciphers}
 * @param mac a name from {@link Macs}; ignored for AEAD ciphers
 * @param compression a name from {@link Compression}
 */
public record DirectionKeys(String cipher, String mac, String compression,
                            SecretBytes key, SecretBytes iv, SecretBytes macKey) {

    public DirectionKeys {
        Objects.requireNonNull(cipher, "cipher");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(iv, "iv");
        Objects.requireNonNull(macKey, "macKey");
        if (Ciphers.find(cipher).isEmpty()) {
            throw new IllegalArgumentException("unknown cipher " + cipher);
        }
        if (Macs.find(mac).isEmpty()) {
            throw new IllegalArgumentException("unknown MAC " + mac);
        }
        Compression.require(compression);
        // A real cipher without a MAC would accept any tampering: only "none" or an AEAD cipher goes without.
        if (mac.equals(Macs.NONE) && !cipher.equals(Ciphers.NONE) && !Ciphers.find(cipher).orElseThrow().aead()) {
            throw new IllegalArgumentException(cipher + " needs a MAC");
        }
    }

    /** Wipes the key material (the installed ciphers keep their own copies). */
    public void wipe() {
        key.wipe();
        iv.wipe();
        macKey.wipe();
    }
}
