package org.amiko.ssh.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.amiko.ssh.transport.crypto.Ciphers;
import org.amiko.ssh.transport.crypto.Macs;
import org.amiko.ssh.transport.kex.KexMethods;
import org.amiko.ssh.transport.keys.HostKey;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.message.Ignore;
import org.amiko.ssh.transport.testing.Command;
import org.amiko.ssh.transport.testing.KeyType;
import org.amiko.ssh.transport.testing.OpenSshd;
import org.amiko.ssh.transport.testing.Peers;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Our client transport against a real OpenSSH sshd on 127.0.0.1: every key exchange method it
 * speaks, every host key algorithm, every cipher and MAC; each run verifies the host key against
 * the one sshd was given, gets ssh-userauth accepted, and checks sshd's log for what it negotiated.
 */
class OpenSshInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static OpenSshd sshd;
    private static Set<String> sshdKex;

    @BeforeAll
    static void startSshd() {
        sshdKex = Set.copyOf(query("kex"));
        List<String> kex = KexMethods.supportedNames().stream().filter(sshdKex::contains).toList();
        sshd = OpenSshd.builder()
                .hostKeys(KeyType.ED25519, KeyType.ECDSA_256, KeyType.ECDSA_384, KeyType.ECDSA_521, KeyType.RSA_3072)
                .kexAlgorithms(String.join(",", kex))
                .hostKeyAlgorithms(String.join(",", SignatureAlgorithm.supportedNames()))
                .ciphers(String.join(",", Ciphers.defaultNames()))
                .macs(String.join(",", Macs.supportedNames()))
                .start();
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    /** What the installed OpenSSH speaks: {@code ssh -Q kex} and friends. */
    static List<String> query(String what) {
        return List.of(Command.run(Duration.ofSeconds(10), List.of(Peers.ssh().toString(), "-Q", what))
                .requireSuccess().stdout().trim().split("\\s+"));
    }

    static Transport connect(OpenSshd server, TransportConfig config) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        socket.setTcpNoDelay(true);
        return Transport.client(socket, config, "127.0.0.1", server.port());
    }

    /** Trusts exactly the host keys sshd was started with. */
    static HostKeyVerifier sshdHostKeys(OpenSshd server) {
        List<Bytes> blobs = server.hostKeys().values().stream()
                .map(k -> Bytes.of(Base64.getDecoder().decode(k.base64()))).toList();
        return (host, port, key) -> {
            if (!blobs.contains(key.blob())) {
                throw new HostKeyRejectedException(host, port, key, "not one of sshd's host keys");
            }
        };
    }

    static TransportConfig.Builder config() {
        return TransportConfig.builder().hostKeyVerifier(sshdHostKeys(sshd));
    }

    private static void connectAndRequestUserauth(TransportConfig config, String logLine) throws IOException {
        try (Transport t = connect(sshd, config)) {
            t.requestService("ssh-userauth", WAIT);
            assertTrue(t.isOpen());
            SshPublicKey key = t.hostKey();
            assertEquals(SignatureAlgorithm.find(t.negotiated().hostKey()).orElseThrow().keyType(), key.keyType());
            if (logLine != null) {
                sshd.awaitLog(logLine, WAIT);
            }
        }
    }

    @Test
    void theInstalledSshdSpeaksWhatWeExpect() {
        // OpenSSH 9.2 lacks mlkem768x25519-sha256 (9.9+), which TransportOverPipeTest proves against our server role.
        for (String name : KexMethods.defaultNames()) {
            if (!name.equals(KexMethods.MLKEM768_X25519_SHA256)) {
                assertTrue(sshdKex.contains(name), "sshd lacks " + name + "; it offers " + sshdKex);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyKeyExchangeMethodSshdSpeaks() {
        return KexMethods.supportedNames().stream().filter(sshdKex::contains).map(kex -> DynamicTest.dynamicTest(kex, () ->
                connectAndRequestUserauth(config().kexAlgorithms(List.of(kex)).build(), "kex: algorithm: " + kex)));
    }

    @TestFactory
    Stream<DynamicTest> everyHostKeyAlgorithm() {
        return SignatureAlgorithm.supportedNames().stream().map(alg -> DynamicTest.dynamicTest(alg, () ->
                connectAndRequestUserauth(config().hostKeyAlgorithms(List.of(alg)).build(), "kex: host key algorithm: " + alg)));
    }

    @TestFactory
    Stream<DynamicTest> everyCipherAndMac() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String cipher : Ciphers.defaultNames()) {
            boolean aead = Ciphers.find(cipher).orElseThrow().aead();
            for (String mac : aead ? List.of(Macs.HMAC_SHA2_256) : Macs.supportedNames()) {
                String expected = "kex: client->server cipher: " + cipher + " MAC: " + (aead ? "<implicit>" : mac);
                tests.add(DynamicTest.dynamicTest(cipher + " " + mac, () ->
                        connectAndRequestUserauth(config().ciphers(List.of(cipher)).macs(List.of(mac)).build(), expected)));
            }
        }
        return tests.stream();
    }

    @Test
    void defaultsNegotiateStrictKexAndExtInfo() throws IOException {
        try (Transport t = connect(sshd, config().build())) {
            t.requestService("ssh-userauth", WAIT);
            assertTrue(t.negotiated().strictKex(), "OpenSSH 9.2 speaks kex-strict");
            assertTrue(t.serverSigAlgs().contains("ssh-ed25519"), "server-sig-algs: " + t.serverSigAlgs());
            assertTrue(t.peerVersion().startsWith("SSH-2.0-OpenSSH_"));
        }
    }

    @Test
    void zlibCompressionIsAccepted() throws IOException {
        // sshd offers zlib@openssh.com only, which starts after authentication; the offer itself must pass.
        connectAndRequestUserauth(config().compression(List.of("zlib@openssh.com", "none")).build(), null);
    }

    /** OpenSSH's sshd refuses KEXINIT before authentication; we say so instead of waiting. */
    @Test
    void reKeyBeforeAuthenticationIsRefusedClearly() throws IOException {
        try (Transport t = connect(sshd, config().sendTimeout(WAIT).build())) {
            t.requestService("ssh-userauth", WAIT);
            t.requestKeyExchange();
            ProtocolException e = org.junit.jupiter.api.Assertions.assertThrows(ProtocolException.class,
                    () -> t.receive(WAIT));
            assertTrue(e.getMessage().contains("UNIMPLEMENTED"), e.getMessage());
        }
    }

    /**
     * After a publickey authentication built by hand (RFC 4252 §7), many re-keys while IGNORE
     * packets stream in: started by sshd (RekeyLimit 1K, our limit left at the default), then by
     * us (every 4 KiB, sshd's limit left at its default).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"1K, 0", "default, 4096"})
    void manyReKeysWhileIgnorePacketsFlow(String sshdLimit, long ourLimit, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        HostKey userKey = HostKey.generate("ssh-ed25519", new java.security.SecureRandom());
        java.nio.file.Path authorized = dir.resolve("authorized_keys");
        java.nio.file.Files.writeString(authorized, "ssh-ed25519 "
                + Base64.getEncoder().encodeToString(userKey.publicKey().blob().toByteArray()) + "\n");
        try (OpenSshd rekeying = OpenSshd.builder().hostKeys(KeyType.ED25519).rekeyLimit(sshdLimit)
                     .authorizedKeysFile(authorized).pubkeyAuthentication(true).start();
             Transport t = connect(rekeying, TransportConfig.builder().hostKeyVerifier(sshdHostKeys(rekeying))
                     .rekeyBytes(ourLimit).build())) {
            t.requestService("ssh-userauth", WAIT);
            authenticate(t, userKey, System.getProperty("user.name"));
            byte[] filler = new byte[300];
            // How many re-keys 300 KB make depends on timing (sshd counts cipher blocks, a re-key in flight
            // absorbs more data): send rounds of 300 KB, each ending in a round trip, until there were several.
            for (int round = 0; round < 10 && t.keyExchanges() <= 5; round++) {
                for (int i = 0; i < 1000; i++) {
                    t.send(new Ignore(Bytes.of(filler)).toPayload());
                }
                // A global request with want-reply (RFC 4254 §4) is a round trip: sshd is still in step after it all.
                t.send(new SshWriter().writeByte(80).writeUtf8("no-such-request@amiko").writeBoolean(true).toByteArray());
                byte[] reply = t.receive(WAIT);
                while (reply[0] == 80) { // sshd's own global request, hostkeys-00@openssh.com (PROTOCOL §2.5), wants no reply
                    reply = t.receive(WAIT);
                }
                assertEquals(82, reply[0] & 0xff, "SSH_MSG_REQUEST_FAILURE");
            }
            assertTrue(t.keyExchanges() > 5, "key exchanges: " + t.keyExchanges());
        }
    }

    /** RFC 4252 §7 publickey authentication with a signature, by hand: just enough to get past sshd's preauth. */
    static void authenticate(Transport t, HostKey key, String user) throws IOException {
        String alg = key.algorithms().get(0).wireName();
        byte[] blob = key.publicKey().blob().toByteArray();
        byte[] signed = new SshWriter().writeString(t.sessionId()).writeByte(50).writeUtf8(user).writeUtf8("ssh-connection")
                .writeUtf8("publickey").writeBoolean(true).writeUtf8(alg).writeString(blob).toByteArray();
        t.send(new SshWriter().writeByte(50).writeUtf8(user).writeUtf8("ssh-connection").writeUtf8("publickey")
                .writeBoolean(true).writeUtf8(alg).writeString(blob)
                .writeString(key.sign(key.algorithms().get(0), signed)).toByteArray());
        byte[] reply = t.receive(WAIT);
        assertEquals(52, reply[0] & 0xff, "SSH_MSG_USERAUTH_SUCCESS, got message " + (reply[0] & 0xff));
    }
}
