package org.amiko.ssh.auth.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.HexFormat;
import java.util.List;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.testing.KeyType;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;
import org.junit.jupiter.api.Test;

/**
 * The agent protocol's bytes: messages assembled by hand, one field per line, against what the
 * codecs write and read; and the agent side ({@link InMemoryAgent#answer}) refusing malformed or
 * unsupported requests with SSH_AGENT_FAILURE.
 */
class AgentProtocolTest {

    /** RFC 8032 §7.1 TEST 1: secret key (seed) and public key. */
    private static final String RFC8032_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private static final String RFC8032_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    private static final byte[] FAILURE = {AgentProtocol.SSH_AGENT_FAILURE};
    private static final byte[] SUCCESS = {AgentProtocol.SSH_AGENT_SUCCESS};

    @Test
    void requestsWithoutFieldsAreTheNumberAlone() {
        assertEquals("0b", hex(AgentProtocol.requestIdentities()));
        assertEquals("13", hex(AgentProtocol.removeAllIdentities()));
        assertEquals("00000001" + "0b", hex(AgentProtocol.frame(AgentProtocol.requestIdentities())));
    }

    @Test
    void signRequestFieldByField() throws ProtocolException {
        SshPublicKey key = ed25519Public();
        String expected = ""
                + "0d"                                   // byte    SSH_AGENTC_SIGN_REQUEST
                + "00000033"                             // string  key blob, 51 bytes:
                + "0000000b" + hexAscii("ssh-ed25519")   //   string "ssh-ed25519"
                + "00000020" + RFC8032_PUBLIC            //   string ENC(A)
                + "00000003" + "616263"                  // string  data "abc"
                + "00000004";                            // uint32  flags: SSH_AGENT_RSA_SHA2_512 (ignored for ed25519)
        byte[] request = AgentProtocol.signRequest(key, "abc".getBytes(StandardCharsets.US_ASCII), 4);
        assertEquals(expected, hex(request));
        AgentProtocol.SignRequest decoded = AgentProtocol.decodeSignRequest(request);
        assertEquals(key.blob(), decoded.keyBlob());
        assertEquals(Bytes.of("abc".getBytes(StandardCharsets.US_ASCII)), decoded.data());
        assertEquals(4, decoded.flags());
    }

    @Test
    void addIdentityForEd25519FieldByField() throws ProtocolException {
        KeyPair pair = ed25519Pair();
        String expected = ""
                + "11"                                       // byte    SSH_AGENTC_ADD_IDENTITY
                + "0000000b" + hexAscii("ssh-ed25519")       // string  key type
                + "00000020" + RFC8032_PUBLIC                // string  ENC(A)
                + "00000040" + RFC8032_SEED + RFC8032_PUBLIC // string  k || ENC(A)
                + "00000004" + hexAscii("test");             // string  comment
        byte[] request = AgentProtocol.addIdentity(pair, "test");
        assertEquals(expected, hex(request));
        AgentProtocol.AddIdentity decoded = AgentProtocol.decodeAddIdentity(request);
        assertEquals("test", decoded.comment());
        assertEquals(ed25519Public(), SshPublicKey.of(decoded.pair().getPublic()));
        // RFC 8032 §7.1 TEST 1: the signature of the empty message.
        Bytes signature = SignatureAlgorithm.SSH_ED25519.sign(decoded.pair().getPrivate(), new byte[0]);
        assertTrue(signature.hex().endsWith("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"), signature.hex());
    }

    @Test
    void addIdentityForEcdsaFieldByField() throws ProtocolException {
        KeyPair pair = TestKeys.pair(KeyType.ECDSA_384);
        SshReader pub = SshReader.of(SshPublicKey.of(pair.getPublic()).blob());
        pub.readUtf8();
        byte[] curve = pub.readStringBytes();
        byte[] q = pub.readStringBytes();
        byte[] expected = new SshWriter()
                .writeByte(17)                                            // byte    SSH_AGENTC_ADD_IDENTITY
                .writeUtf8("ecdsa-sha2-nistp384")                         // string  key type
                .writeString(curve)                                       // string  "nistp384"
                .writeString(q)                                           // string  Q, 0x04 || X || Y
                .writeMpint(((ECPrivateKey) pair.getPrivate()).getS())    // mpint   d
                .writeUtf8("ec")                                          // string  comment
                .toByteArray();
        assertEquals("nistp384", new String(curve, StandardCharsets.US_ASCII));
        byte[] request = AgentProtocol.addIdentity(pair, "ec");
        assertArrayEquals(expected, request);
        KeyPair decoded = AgentProtocol.decodeAddIdentity(request).pair();
        assertEquals(((ECPrivateKey) pair.getPrivate()).getS(), ((ECPrivateKey) decoded.getPrivate()).getS());
        assertEquals(SshPublicKey.of(pair.getPublic()), SshPublicKey.of(decoded.getPublic()));
    }

    @Test
    void addIdentityForRsaFieldByField() throws ProtocolException {
        KeyPair pair = TestKeys.pair(KeyType.RSA_3072);
        RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) pair.getPrivate();
        byte[] expected = new SshWriter()
                .writeByte(17)                           // byte    SSH_AGENTC_ADD_IDENTITY
                .writeUtf8("ssh-rsa")                    // string  key type
                .writeMpint(rsa.getModulus())            // mpint   n
                .writeMpint(rsa.getPublicExponent())     // mpint   e
                .writeMpint(rsa.getPrivateExponent())    // mpint   d
                .writeMpint(rsa.getCrtCoefficient())     // mpint   iqmp (q^-1 mod p)
                .writeMpint(rsa.getPrimeP())             // mpint   p
                .writeMpint(rsa.getPrimeQ())             // mpint   q
                .writeUtf8("")                           // string  comment
                .toByteArray();
        byte[] request = AgentProtocol.addIdentity(pair, "");
        assertArrayEquals(expected, request);
        RSAPrivateCrtKey decoded = (RSAPrivateCrtKey) AgentProtocol.decodeAddIdentity(request).pair().getPrivate();
        assertEquals(rsa.getPrimeExponentP(), decoded.getPrimeExponentP());
        assertEquals(rsa.getPrimeExponentQ(), decoded.getPrimeExponentQ());
    }

    @Test
    void identitiesAnswerFieldByFieldSkippingKeysWeCannotUse() throws ProtocolException {
        SshPublicKey key = ed25519Public();
        byte[] dss = new SshWriter().writeUtf8("ssh-dss").writeMpint(BigInteger.TEN).toByteArray();
        byte[] answer = new SshWriter()
                .writeByte(12)                 // byte    SSH_AGENT_IDENTITIES_ANSWER
                .writeUint32(2)                // uint32  nkeys
                .writeString(dss)              // string  key blob (a type amiko does not use)
                .writeUtf8("old")              // string  comment
                .writeString(key.blob())       // string  key blob
                .writeUtf8("mine")             // string  comment
                .toByteArray();
        assertEquals(List.of(new AgentIdentity(key, "mine")), AgentProtocol.decodeIdentitiesAnswer(answer));
        byte[] ours = AgentProtocol.identitiesAnswer(List.of(new AgentIdentity(key, "mine")));
        assertEquals("0c" + "00000001" + "00000033" + hex(key.blob().toByteArray()) + "00000004" + hexAscii("mine"), hex(ours));
    }

    @Test
    void statusAndSignResponse() throws ProtocolException {
        assertEquals("06", hex(AgentProtocol.status(true)));
        assertEquals("05", hex(AgentProtocol.status(false)));
        assertEquals("0e" + "00000002" + "abcd", hex(AgentProtocol.signResponse(Bytes.ofHex("abcd"))));
        assertEquals(Bytes.ofHex("abcd"), AgentProtocol.decodeSignResponse(HexFormat.of().parseHex("0e00000002abcd")));
        assertThrows(ProtocolException.class, () -> AgentProtocol.decodeSignResponse(HexFormat.of().parseHex("0e00000003abcd")));
        assertThrows(ProtocolException.class, () -> AgentProtocol.decodeSignResponse(HexFormat.of().parseHex("0e00000001abcd")));
    }

    @Test
    void flagsAndAlgorithms() {
        assertEquals(2, AgentProtocol.flags(SignatureAlgorithm.RSA_SHA2_256));
        assertEquals(4, AgentProtocol.flags(SignatureAlgorithm.RSA_SHA2_512));
        assertEquals(0, AgentProtocol.flags(SignatureAlgorithm.SSH_RSA));
        assertEquals(0, AgentProtocol.flags(SignatureAlgorithm.SSH_ED25519));
        assertEquals(SignatureAlgorithm.RSA_SHA2_256, AgentProtocol.algorithm("ssh-rsa", 2));
        assertEquals(SignatureAlgorithm.RSA_SHA2_512, AgentProtocol.algorithm("ssh-rsa", 4));
        assertEquals(SignatureAlgorithm.RSA_SHA2_256, AgentProtocol.algorithm("ssh-rsa", 6), "SHA-256 first, as OpenSSH");
        assertEquals(SignatureAlgorithm.SSH_RSA, AgentProtocol.algorithm("ssh-rsa", 0));
        assertEquals(SignatureAlgorithm.ECDSA_SHA2_NISTP521, AgentProtocol.algorithm("ecdsa-sha2-nistp521", 4));
    }

    @Test
    void frameLengthsAreBoundedBeforeAllocation() throws IOException {
        assertEquals(AgentProtocol.MAX_MESSAGE, AgentProtocol.checkLength(256 * 1024));
        assertThrows(ProtocolException.class, () -> AgentProtocol.checkLength(256 * 1024 + 1));
        assertThrows(ProtocolException.class, () -> AgentProtocol.checkLength(0));
        assertThrows(ProtocolException.class, () -> AgentProtocol.checkLength(0xffffffffL));
        assertThrows(ProtocolException.class, () -> AgentProtocol.readFrame(stream("7fffffff")));
        assertThrows(IOException.class, () -> AgentProtocol.readFrame(stream("000000")));
        assertThrows(IOException.class, () -> AgentProtocol.readFrame(stream("00000005 0b")));
        assertNull(AgentProtocol.readFrame(stream("")));
        assertArrayEquals(new byte[] {11}, AgentProtocol.readFrame(stream("00000001 0b")));
    }

    @Test
    void servingAnswersEachFrameAndStopsAtTheEnd() throws IOException {
        InMemoryAgent agent = new InMemoryAgent();
        agent.add(ed25519Pair(), "served");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] in = concat(AgentProtocol.frame(AgentProtocol.requestIdentities()), AgentProtocol.frame(new byte[] {99}));
        agent.serve(new ByteArrayInputStream(in), out);
        ByteArrayInputStream replies = new ByteArrayInputStream(out.toByteArray());
        assertEquals(List.of(new AgentIdentity(ed25519Public(), "served")),
                AgentProtocol.decodeIdentitiesAnswer(AgentProtocol.readFrame(replies)));
        assertArrayEquals(FAILURE, AgentProtocol.readFrame(replies));
        assertNull(AgentProtocol.readFrame(replies));
    }

    @Test
    void servingRefusesAnOversizedFrame() {
        InMemoryAgent agent = new InMemoryAgent();
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> agent.serve(stream("00040001 0b"), new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void theAgentRefusesWhatItCannotDo() {
        InMemoryAgent agent = new InMemoryAgent();
        agent.add(ed25519Pair(), "k");
        // Constrained adds, extensions, locking and unknown numbers.
        for (int number : new int[] {AgentProtocol.SSH_AGENTC_ADD_ID_CONSTRAINED, AgentProtocol.SSH_AGENTC_EXTENSION, 22, 23, 0, 255}) {
            assertArrayEquals(FAILURE, agent.answer(new byte[] {(byte) number}), "message " + number);
        }
        // Trailing bytes after a request without fields.
        assertArrayEquals(FAILURE, agent.answer(HexFormat.of().parseHex("0b00")));
        assertArrayEquals(FAILURE, agent.answer(HexFormat.of().parseHex("1300")));
        // A sign request cut short, and one for a blob that is no key.
        byte[] sign = AgentProtocol.signRequest(ed25519Public(), new byte[3], 0);
        assertArrayEquals(FAILURE, agent.answer(java.util.Arrays.copyOf(sign, sign.length - 1)));
        assertArrayEquals(FAILURE, agent.answer(new SshWriter().writeByte(13).writeString(new byte[5])
                .writeString(new byte[1]).writeUint32(0).toByteArray()));
        // The key is still there and usable.
        assertEquals(AgentProtocol.SSH_AGENT_SIGN_RESPONSE, agent.answer(sign)[0]);
    }

    @Test
    void theAgentRefusesPrivateKeysThatDoNotBelongToTheirPublicKeys() {
        InMemoryAgent agent = new InMemoryAgent();
        // ed25519: the copy of ENC(A) inside the secret differs from ENC(A).
        byte[] ed = AgentProtocol.addIdentity(ed25519Pair(), "c");
        ed[1 + 15 + 36 + 4 + 63] ^= 1;
        assertArrayEquals(FAILURE, agent.answer(ed));
        // ed25519: a seed that is not the one of this public key.
        byte[] seed = AgentProtocol.addIdentity(ed25519Pair(), "c");
        seed[1 + 15 + 36 + 4] ^= 1;
        assertArrayEquals(FAILURE, agent.answer(seed));
        // ecdsa: the d of another key on the same curve.
        KeyPair mixed = new KeyPair(TestKeys.pair(KeyType.ECDSA_256).getPublic(), TestKeys.generate(KeyType.ECDSA_256).getPrivate());
        assertArrayEquals(FAILURE, agent.answer(AgentProtocol.addIdentity(mixed, "c")));
        // rsa: p and q swapped breaks iqmp.
        RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) TestKeys.pair(KeyType.RSA_3072).getPrivate();
        byte[] swapped = new SshWriter().writeByte(17).writeUtf8("ssh-rsa")
                .writeMpint(rsa.getModulus()).writeMpint(rsa.getPublicExponent()).writeMpint(rsa.getPrivateExponent())
                .writeMpint(rsa.getCrtCoefficient()).writeMpint(rsa.getPrimeQ()).writeMpint(rsa.getPrimeP())
                .writeUtf8("c").toByteArray();
        assertArrayEquals(FAILURE, agent.answer(swapped));
        assertEquals(List.of(), agent.identities());
        // The untouched request is accepted.
        assertArrayEquals(SUCCESS, agent.answer(AgentProtocol.addIdentity(TestKeys.pair(KeyType.RSA_3072), "c")));
    }

    @Test
    void addingAKeyWithoutCrtValuesIsRefusedLocally() throws Exception {
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) TestKeys.pair(KeyType.RSA_3072).getPrivate();
        java.security.PrivateKey plain = java.security.KeyFactory.getInstance("RSA").generatePrivate(
                new java.security.spec.RSAPrivateKeySpec(crt.getModulus(), crt.getPrivateExponent()));
        KeyPair pair = new KeyPair(TestKeys.pair(KeyType.RSA_3072).getPublic(), plain);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentProtocol.addIdentity(pair, "c"));
        assertTrue(e.getMessage().contains("CRT"), e.getMessage());
    }

    private static KeyPair ed25519Pair() {
        try {
            java.security.KeyFactory kf = java.security.KeyFactory.getInstance("Ed25519");
            java.security.PrivateKey priv = kf.generatePrivate(new java.security.spec.EdECPrivateKeySpec(
                    java.security.spec.NamedParameterSpec.ED25519, HexFormat.of().parseHex(RFC8032_SEED)));
            return new KeyPair(ed25519Public().jcaKey(), priv);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static SshPublicKey ed25519Public() {
        try {
            return SshPublicKey.decode(new SshWriter().writeUtf8("ssh-ed25519")
                    .writeString(HexFormat.of().parseHex(RFC8032_PUBLIC)).toBytes());
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
    }

    private static ByteArrayInputStream stream(String hex) {
        return new ByteArrayInputStream(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String hexAscii(String s) {
        return hex(s.getBytes(StandardCharsets.US_ASCII));
    }
}
