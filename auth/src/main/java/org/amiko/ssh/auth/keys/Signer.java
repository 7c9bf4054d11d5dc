package org.amiko.ssh.auth.keys;

import java.io.IOException;
import java.util.List;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.wire.Bytes;

/**
 * Something that signs with a private key: a key held in memory, or a key held by an ssh-agent
 * (where the private key never enters this process). Publickey authentication (RFC 4252 §7)
 * needs nothing more.
 */
public interface Signer {

    SshPublicKey publicKey();

    /** The signature algorithms this key can use, preferred first (an RSA key: rsa-sha2-512, rsa-sha2-256, ssh-rsa). */
    List<SignatureAlgorithm> algorithms();

    /** Signs {@code data}; returns the SSH signature blob (string algorithm name, string signature). */
    Bytes sign(SignatureAlgorithm algorithm, byte[] data) throws IOException;

    /** Where the key comes from, for messages: a file name, "agent", ... */
    String description();
}
