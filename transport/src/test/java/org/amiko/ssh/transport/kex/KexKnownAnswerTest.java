package org.amiko.ssh.transport.kex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.amiko.ssh.transport.AlgorithmNegotiationException;
import org.amiko.ssh.transport.NegotiatedAlgorithms;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.message.KexInit;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshWriter;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;

/**
 * Fixed inputs, fixed answers. The X25519 values are RFC 7748 §6.1's; the exchange hash and the
 * keys were computed independently (Python's hashlib) from the same inputs.
 */
class KexKnownAnswerTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    private static final byte[] ALICE_PRIVATE = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    private static final byte[] ALICE_PUBLIC = hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    private static final byte[] BOB_PRIVATE = hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    private static final byte[] BOB_PUBLIC = hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    private static final byte[] SHARED = hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    /** K as curve25519-sha256 encodes it (RFC 8731 §3): an mpint of the shared secret. */
    private static final byte[] K = hex("00000020 4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");

    /** RFC 7748 §6.1. */
    @Test
    void x25519Rfc7748Example() throws ProtocolException {
        byte[] pub = new byte[32];
        X25519.generatePublicKey(ALICE_PRIVATE, 0, pub, 0);
        assertArrayEquals(ALICE_PUBLIC, pub);
        X25519.generatePublicKey(BOB_PRIVATE, 0, pub, 0);
        assertArrayEquals(BOB_PUBLIC, pub);
        byte[] shared = new byte[32];
        X25519.calculateAgreement(ALICE_PRIVATE, 0, BOB_PUBLIC, 0, shared, 0);
        assertArrayEquals(SHARED, shared);
        assertArrayEquals(K, X25519Agreement.mpint(shared.clone()));
    }

    /** A shared secret with a high bit set gains a leading zero in its mpint. */
    @Test
    void sharedSecretMpintKeepsItPositive() {
        byte[] raw = new byte[32];
        raw[0] = (byte) 0x80;
        byte[] expected = new SshWriter().writeMpint(new BigInteger(1, raw)).toByteArray();
        byte[] encoded = X25519Agreement.mpint(raw);
        assertArrayEquals(expected, encoded);
        assertEquals(4 + 1 + 32, encoded.length);
        assertArrayEquals(new byte[32], raw, "the raw secret is wiped");
    }

    @Test
    void lowOrderPointIsRefused() {
        X25519Agreement a = new X25519Agreement(new java.security.SecureRandom());
        assertThrows(ProtocolException.class, () -> a.clientSecret(new byte[32])); // the all-zero point
        assertThrows(ProtocolException.class, () -> a.clientSecret(new byte[31]));
    }

    private static ExchangeHash transcript() {
        byte[] ic = concat(new byte[] {20}, range(0, 16), "ic".getBytes(StandardCharsets.US_ASCII));
        byte[] is = concat(new byte[] {20}, range(16, 32), "is".getBytes(StandardCharsets.US_ASCII));
        byte[] ks = new SshWriter().writeUtf8("ssh-ed25519").writeString(range(0, 32)).toByteArray();
        return new ExchangeHash("SHA-256", "SSH-2.0-amiko_test", "SSH-2.0-OpenSSH_9.2p1", ic, is, ks);
    }

    /** RFC 8731 §3 / RFC 5656 §4: H over V_C, V_S, I_C, I_S, K_S, Q_C, Q_S, K. */
    @Test
    void exchangeHash() {
        byte[] h = transcript().string(ALICE_PUBLIC).string(BOB_PUBLIC).finish(K);
        assertArrayEquals(hex("8588c2f3abaebac408140789fb04b2f2484a60edfcd996c12067b164fdef471d"), h);
    }

    /** RFC 4253 §7.2, letters A to F, including keys longer than one hash (C is one, E and D need two). */
    @Test
    void keyDerivation() {
        byte[] h = hex("8588c2f3abaebac408140789fb04b2f2484a60edfcd996c12067b164fdef471d");
        byte[] sid = range(100, 132);
        assertArrayEquals(hex("65fb7110b83fb829dbae3bff353c7ef9"), KeyDerivation.derive("SHA-256", K, h, 'A', sid, 16));
        assertArrayEquals(hex("7fa1aac818980c40b0fa1fab"), KeyDerivation.derive("SHA-256", K, h, 'B', sid, 12));
        assertArrayEquals(hex("c48468abed7d695542e324922e4720d72e1335c7c05d2e66348118f3cf3c43e7"),
                KeyDerivation.derive("SHA-256", K, h, 'C', sid, 32));
        assertArrayEquals(hex("ed6a52afa081cd5fd8916bd44dc322c85bc9be53691846984c118f513de28aab"
                + "9e0d4bcb1169a9b185e3f0e2f3b409962e65423fa30211b971a7d91b0131cfa5"), KeyDerivation.derive("SHA-256", K, h, 'D', sid, 64));
        assertArrayEquals(hex("8eced5320134078c6c93264a91efe4f593824f091a00220a94c6987952a3a604"
                + "b91ee96be8958822ad8ee9424951f6924ff53b268d258e97e33f9025672ee372"), KeyDerivation.derive("SHA-256", K, h, 'E', sid, 64));
        assertArrayEquals(hex("166bb1eaa5aa927e678a98e3625d4004c61bba7c"), KeyDerivation.derive("SHA-256", K, h, 'F', sid, 20));
    }

    // ---- RFC 4253 §7.1 negotiation ---------------------------------------------------------------

    private static KexInit init(List<String> kex, List<String> hostKey, List<String> ciphers, List<String> macs) {
        return new KexInit(Bytes.of(new byte[16]), kex, hostKey, ciphers, ciphers, macs, macs,
                List.of("none"), List.of("none"), List.of(), List.of(), false, 0);
    }

    @Test
    void theClientsPreferenceWins() throws AlgorithmNegotiationException {
        KexInit client = init(List.of("curve25519-sha256", "ecdh-sha2-nistp256", "ext-info-c", "kex-strict-c-v00@openssh.com"),
                List.of("rsa-sha2-512", "ssh-ed25519"), List.of("aes256-ctr", "aes128-ctr"), List.of("hmac-sha2-512", "hmac-sha2-256"));
        KexInit server = init(List.of("ecdh-sha2-nistp256", "curve25519-sha256", "kex-strict-s-v00@openssh.com"),
                List.of("ssh-ed25519", "rsa-sha2-512"), List.of("aes128-ctr", "aes256-ctr"), List.of("hmac-sha2-256", "hmac-sha2-512"));
        NegotiatedAlgorithms n = AlgorithmNegotiation.negotiate(client, server, true);
        assertEquals("curve25519-sha256", n.kex());
        assertEquals("rsa-sha2-512", n.hostKey());
        assertEquals("aes256-ctr", n.cipherClientToServer());
        assertEquals("hmac-sha2-512", n.macServerToClient());
        assertEquals(true, n.strictKex());
        assertEquals(true, n.clientWantsExtInfo());
        assertEquals(false, AlgorithmNegotiation.negotiate(client, server, false).strictKex(), "markers count only in the first exchange");
        assertEquals(false, AlgorithmNegotiation.guessIsRight(client, server));
    }

    @Test
    void markersAreNeverChosenAsMethods() {
        KexInit client = init(List.of("ext-info-c", "kex-strict-c-v00@openssh.com"), List.of("ssh-ed25519"), List.of("aes128-ctr"), List.of("hmac-sha2-256"));
        KexInit server = init(List.of("ext-info-c", "kex-strict-c-v00@openssh.com"), List.of("ssh-ed25519"), List.of("aes128-ctr"), List.of("hmac-sha2-256"));
        assertThrows(AlgorithmNegotiationException.class, () -> AlgorithmNegotiation.negotiate(client, server, true));
    }

    @Test
    void aeadCiphersSkipMacNegotiation() throws AlgorithmNegotiationException {
        KexInit client = init(List.of("curve25519-sha256"), List.of("ssh-ed25519"), List.of("aes128-gcm@openssh.com"), List.of("hmac-sha2-256"));
        KexInit server = init(List.of("curve25519-sha256"), List.of("ssh-ed25519"), List.of("aes128-gcm@openssh.com"), List.of("hmac-sha1"));
        assertEquals("none", AlgorithmNegotiation.negotiate(client, server, true).macClientToServer());
    }

    // ---- RFC 4419 group choice -------------------------------------------------------------------

    @Test
    void groupExchangePicksTheSmallestGroupAtLeastN() throws ProtocolException {
        assertEquals(3072, DhGroupExchangeKex.choose(2048, 3072, 8192).bits());
        assertEquals(4096, DhGroupExchangeKex.choose(2048, 3500, 8192).bits());
        assertEquals(8192, DhGroupExchangeKex.choose(2048, 9000, 9000).bits());
        assertEquals(2048, DhGroupExchangeKex.choose(1024, 1024, 2048).bits(), "never below 2048 (RFC 8270)");
        assertThrows(ProtocolException.class, () -> DhGroupExchangeKex.choose(1024, 1024, 1536));
    }

    private static byte[] range(int from, int to) {
        byte[] b = new byte[to - from];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        SshWriter w = new SshWriter();
        for (byte[] p : parts) {
            w.writeRaw(p);
        }
        return w.toByteArray();
    }
}
