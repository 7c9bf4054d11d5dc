package org.amiko.ssh.transport.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshWriter;
import org.junit.jupiter.api.Test;

/** The algorithm registry, host keys, and the RSA signature length rules. */
class SignatureAlgorithmTest {

    @Test
    void namesAndOrder() {
        assertEquals(List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
                "rsa-sha2-512", "rsa-sha2-256"), SignatureAlgorithm.defaultNames());
        assertEquals(List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
                "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"), SignatureAlgorithm.supportedNames());
        for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
            assertEquals(Optional.of(a), SignatureAlgorithm.find(a.wireName()));
            assertEquals(a == SignatureAlgorithm.SSH_RSA, a.legacy());
        }
        assertEquals("ssh-rsa", SignatureAlgorithm.RSA_SHA2_512.keyType());
        assertEquals("ssh-rsa", SignatureAlgorithm.RSA_SHA2_256.keyType());
        assertEquals("ecdsa-sha2-nistp521", SignatureAlgorithm.ECDSA_SHA2_NISTP521.keyType());
        assertEquals(Optional.empty(), SignatureAlgorithm.find("ssh-dss"));
        assertEquals(Optional.empty(), SignatureAlgorithm.find("ssh-ed25519-cert-v01@openssh.com"));
    }

    @Test
    void hostKeysOfEveryType() throws Exception {
        for (String type : SshPublicKey.KEY_TYPES) {
            HostKey key = Keys.host(type);
            assertEquals(type, key.publicKey().keyType());
            for (SignatureAlgorithm a : key.algorithms()) {
                assertEquals(type, a.keyType());
                byte[] data = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                assertTrue(a.verify(key.publicKey(), data, key.sign(a, data)));
            }
            for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
                if (!key.algorithms().contains(a)) {
                    assertThrows(IllegalArgumentException.class, () -> key.sign(a, new byte[1]), a + " on " + type);
                }
            }
        }
        assertEquals(List.of(SignatureAlgorithm.RSA_SHA2_512, SignatureAlgorithm.RSA_SHA2_256, SignatureAlgorithm.SSH_RSA),
                Keys.host("ssh-rsa").algorithms());
        assertEquals(List.of(SignatureAlgorithm.ECDSA_SHA2_NISTP384), Keys.host("ecdsa-sha2-nistp384").algorithms());
        assertEquals(List.of(SignatureAlgorithm.SSH_ED25519), Keys.host("ssh-ed25519").algorithms());
        assertEquals(HostKey.RSA_BITS, ((RSAPublicKey) Keys.host("ssh-rsa").publicKey().jcaKey()).getModulus().bitLength());
    }

    @Test
    void hostKeyRefusesUnknownTypesAndMismatchedPairs() throws Exception {
        SecureRandom random = new SecureRandom();
        assertThrows(IllegalArgumentException.class, () -> HostKey.generate("ssh-dss", random));
        assertThrows(IllegalArgumentException.class, () -> HostKey.generate("ecdsa-sha2-nistp224", random));
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        KeyPair a = g.generateKeyPair();
        KeyPair b = g.generateKeyPair();
        assertThrows(IllegalArgumentException.class, () -> HostKey.of(new KeyPair(a.getPublic(), b.getPrivate())));
        KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        assertThrows(IllegalArgumentException.class, () -> HostKey.of(new KeyPair(a.getPublic(), ec.getPrivate())));
        KeyPairGenerator ed448 = KeyPairGenerator.getInstance("Ed448");
        assertThrows(IllegalArgumentException.class, () -> HostKey.of(ed448.generateKeyPair()));
    }

    @Test
    void signRefusesAKeyOfAnotherKind() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        KeyPair p384 = g.generateKeyPair();
        assertThrows(IllegalArgumentException.class, () -> SignatureAlgorithm.ECDSA_SHA2_NISTP256.sign(p384.getPrivate(), new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> SignatureAlgorithm.SSH_ED25519.sign(p384.getPrivate(), new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> SignatureAlgorithm.RSA_SHA2_256.sign(p384.getPrivate(), new byte[1]));
    }

    @Test
    void rsaSignatureShorterThanTheModulusIsLeftPadded() throws Exception {
        // About one signature in 256 starts with a zero byte; some signers drop it (RFC 8332 §3 says
        // not to), and OpenSSH accepts the short form. Find such a signature with a 1024-bit key.
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        KeyPair pair = g.generateKeyPair();
        SshPublicKey pub = SshPublicKey.of(pair.getPublic());
        for (int i = 0; i < 10_000; i++) {
            byte[] data = ByteBuffer.allocate(4).putInt(i).array();
            Bytes blob = SignatureAlgorithm.RSA_SHA2_256.sign(pair.getPrivate(), data);
            byte[] s = HostileKeysTest.body(blob);
            assertEquals(128, s.length, "signatures are as long as the modulus");
            if (s[0] == 0) {
                byte[] shortS = Arrays.copyOfRange(s, 1, s.length);
                Bytes shortBlob = new SshWriter().writeUtf8("rsa-sha2-256").writeString(shortS).toBytes();
                assertTrue(SignatureAlgorithm.RSA_SHA2_256.verify(pub, data, shortBlob));
                // other data: five bytes, never one of the four-byte inputs (the first of which is four zeros)
                assertFalse(SignatureAlgorithm.RSA_SHA2_256.verify(pub, new byte[5], shortBlob));
                return;
            }
        }
        throw new AssertionError("no signature with a leading zero in 10000 tries");
    }
}
