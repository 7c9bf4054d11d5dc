package org.amiko.ssh.auth.keys;

import java.security.KeyPair;
import java.util.List;
import org.amiko.ssh.transport.keys.HostKey;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.wire.Bytes;

/** A {@link Signer} over a key pair in memory (from a key file, or generated). */
public final class KeyPairSigner implements Signer {

    private final HostKey key;
    private final String description;

    public KeyPairSigner(KeyPair pair, String description) {
        this.key = HostKey.of(pair);
        this.description = description;
    }

    @Override
    public SshPublicKey publicKey() {
        return key.publicKey();
    }

    @Override
    public List<SignatureAlgorithm> algorithms() {
        return key.algorithms();
    }

    @Override
    public Bytes sign(SignatureAlgorithm algorithm, byte[] data) {
        return key.sign(algorithm, data);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description + " (" + key.publicKey() + ")";
    }
}
