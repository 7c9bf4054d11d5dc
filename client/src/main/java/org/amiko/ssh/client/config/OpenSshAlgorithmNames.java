package org.amiko.ssh.client.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Names OpenSSH 9.x accepts in its algorithm options ({@code ssh -Q cipher}, {@code mac},
 * {@code kex}, {@code key-sig}, plus later additions). A name here that amiko does not implement
 * is understood, not a typo: {@link AlgorithmList} may skip it rather than refuse the file.
 */
final class OpenSshAlgorithmNames {

    static final Set<String> CIPHERS = Set.of(
            "3des-cbc", "aes128-cbc", "aes192-cbc", "aes256-cbc", "rijndael-cbc@lysator.liu.se",
            "aes128-ctr", "aes192-ctr", "aes256-ctr", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com",
            "chacha20-poly1305@openssh.com");

    static final Set<String> MACS = Set.of(
            "hmac-sha1", "hmac-sha1-96", "hmac-sha2-256", "hmac-sha2-512", "hmac-md5", "hmac-md5-96",
            "umac-64@openssh.com", "umac-128@openssh.com", "hmac-sha1-etm@openssh.com",
            "hmac-sha1-96-etm@openssh.com", "hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com",
            "hmac-md5-etm@openssh.com", "hmac-md5-96-etm@openssh.com", "umac-64-etm@openssh.com",
            "umac-128-etm@openssh.com");

    static final Set<String> KEX = Set.of(
            "diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1", "diffie-hellman-group14-sha256",
            "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512",
            "diffie-hellman-group-exchange-sha1", "diffie-hellman-group-exchange-sha256",
            "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521", "curve25519-sha256",
            "curve25519-sha256@libssh.org", "sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com",
            "mlkem768x25519-sha256");

    static final Set<String> SIGNATURES = Set.of(
            "ssh-ed25519", "ssh-ed25519-cert-v01@openssh.com", "sk-ssh-ed25519@openssh.com",
            "sk-ssh-ed25519-cert-v01@openssh.com", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256-cert-v01@openssh.com",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp384-cert-v01@openssh.com", "ecdsa-sha2-nistp521",
            "ecdsa-sha2-nistp521-cert-v01@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
            "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com", "webauthn-sk-ecdsa-sha2-nistp256@openssh.com",
            "ssh-dss", "ssh-dss-cert-v01@openssh.com", "ssh-rsa", "ssh-rsa-cert-v01@openssh.com",
            "rsa-sha2-256", "rsa-sha2-256-cert-v01@openssh.com", "rsa-sha2-512", "rsa-sha2-512-cert-v01@openssh.com");

    /** Every name above, for {@link AlgorithmList#resolve}, which is not told the kind. */
    static final Set<String> ALL;

    static {
        Set<String> all = new HashSet<>();
        for (Set<String> s : List.of(CIPHERS, MACS, KEX, SIGNATURES)) {
            all.addAll(s);
        }
        ALL = Set.copyOf(all);
    }

    private OpenSshAlgorithmNames() {
    }
}
