package org.amiko.ssh.knownhosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An RSA CA key has to meet the host key minimum (1024 bits, OpenSSH's SSH_RSA_MINIMUM_MODULUS_SIZE):
 * a certificate signed by a 768-bit CA, whose signature the JDK would verify, is refused (its CA
 * key blob is, when the certificate is read; the signature check bounds the modulus again).
 * ssh-keygen will not make such a CA, so the certificate is built here field by field.
 */
class SmallRsaCaTest {

    private static void string(ByteArrayOutputStream out, byte[] b) {
        out.write(b.length >>> 24);
        out.write(b.length >>> 16);
        out.write(b.length >>> 8);
        out.write(b.length);
        out.writeBytes(b);
    }

    private static void string(ByteArrayOutputStream out, String s) {
        string(out, s.getBytes(StandardCharsets.US_ASCII));
    }

    private static void uint64(ByteArrayOutputStream out, long v) {
        for (int i = 56; i >= 0; i -= 8) {
            out.write((int) (v >>> i));
        }
    }

    /** A host certificate for {@code host.example.org} signed with rsa-sha2-256 by an RSA CA of {@code bits}. */
    private static byte[] certificate(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        KeyPair ca = g.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) ca.getPublic();
        ByteArrayOutputStream caBlob = new ByteArrayOutputStream();
        string(caBlob, "ssh-rsa");
        string(caBlob, pub.getPublicExponent().toByteArray());
        string(caBlob, pub.getModulus().toByteArray());
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        string(c, "ssh-ed25519-cert-v01@openssh.com");
        string(c, new byte[32]); // nonce
        string(c, new byte[32]); // the certified ed25519 key
        uint64(c, 1);
        c.writeBytes(new byte[] {0, 0, 0, 2}); // host certificate
        string(c, "small-ca");
        ByteArrayOutputStream principals = new ByteArrayOutputStream();
        string(principals, "host.example.org");
        string(c, principals.toByteArray());
        uint64(c, 0);
        uint64(c, -1L); // valid forever
        string(c, new byte[0]);
        string(c, new byte[0]);
        string(c, new byte[0]);
        string(c, caBlob.toByteArray());
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(ca.getPrivate());
        s.update(c.toByteArray());
        ByteArrayOutputStream sig = new ByteArrayOutputStream();
        string(sig, "rsa-sha2-256");
        string(sig, s.sign());
        string(c, sig.toByteArray());
        return c.toByteArray();
    }

    @Test
    void aCaBelowTheMinimumIsRefusedAndOneAtItIsNot() throws Exception {
        byte[] small = certificate(768);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostCertificate.of(small));
        assertTrue(e.getMessage().contains("768 bits"), e.getMessage());
        assertEquals(Optional.empty(), HostCertificate.of(certificate(1024)).problemFor("host.example.org", Instant.now()));
    }
}
