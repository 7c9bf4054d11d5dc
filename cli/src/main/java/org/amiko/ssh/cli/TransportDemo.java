package org.amiko.ssh.cli;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.amiko.ssh.transport.HostKeyVerifier;
import org.amiko.ssh.transport.Transport;
import org.amiko.ssh.transport.TransportConfig;
import org.amiko.ssh.transport.kex.KexMethods;
import org.amiko.ssh.transport.keys.HostKey;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.message.Ignore;
import org.amiko.ssh.transport.wire.Bytes;

/**
 * The transport layer, shown: amiko's client and amiko's server role on 127.0.0.1, each key
 * exchange narrated (versions, negotiated algorithms, host key fingerprint, session id), then a
 * re-key and the ssh-userauth service request (RFC 4253 §10), where user authentication will begin.
 */
public final class TransportDemo {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private TransportDemo() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        HostKey hostKey = HostKey.generate("ssh-ed25519", new SecureRandom());
        SshPublicKey expected = hostKey.publicKey();
        out.println("amiko transport demo: client and server roles over TCP on 127.0.0.1 (RFC 4253)");
        out.println("server host key: " + expected);
        out.println();
        for (String kex : List.of(KexMethods.MLKEM768_X25519_SHA256, KexMethods.CURVE25519_SHA256,
                KexMethods.ECDH_NISTP256, KexMethods.DH_GEX_SHA256)) {
            TransportConfig server = TransportConfig.builder().hostKeys(List.of(hostKey)).kexAlgorithms(List.of(kex)).build();
            // The client trusts exactly this host key: what a known_hosts entry does.
            TransportConfig client = TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.exactly(expected))
                    .kexAlgorithms(List.of(kex)).build();
            run(out, client, server);
        }
    }

    private static void run(PrintStream out, TransportConfig clientConfig, TransportConfig serverConfig) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Transport> serverSide = CompletableFuture.supplyAsync(() -> {
                try {
                    Socket accepted = listener.accept();
                    Transport server = Transport.server(accepted, serverConfig);
                    server.acceptService(List.of("ssh-userauth"), WAIT);
                    return server;
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            long start = System.nanoTime();
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            try (Transport client = Transport.client(socket, clientConfig, "127.0.0.1", listener.getLocalPort())) {
                double ms = (System.nanoTime() - start) / 1e6;
                out.printf("key exchange %s in %.1f ms%n", client.negotiated().kex(), ms);
                out.println("  server says        " + client.peerVersion());
                out.println("  negotiated         " + client.negotiated());
                out.println("  host key verified  " + client.hostKey());
                out.println("  session id         " + HexFormat.of().formatHex(client.sessionId()));
                client.requestService("ssh-userauth", WAIT);
                out.println("  service            ssh-userauth accepted; server-sig-algs " + client.serverSigAlgs());
                Transport server = serverSide.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                client.requestKeyExchange();
                client.send(new Ignore(Bytes.of(new byte[16])).toPayload()); // held back until our NEWKEYS is out
                long deadline = System.nanoTime() + WAIT.toNanos();
                while ((server.keyExchanges() < 2 || client.keyExchanges() < 2) && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                out.println("  re-keyed           " + client.keyExchanges() + " key exchanges; session id still "
                        + HexFormat.of().formatHex(client.sessionId(), 0, 8) + "...");
                server.close();
            }
            out.println();
        }
    }
}
