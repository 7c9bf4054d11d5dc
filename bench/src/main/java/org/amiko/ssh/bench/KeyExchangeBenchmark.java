package org.amiko.ssh.bench;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.amiko.ssh.transport.HostKeyVerifier;
import org.amiko.ssh.transport.Role;
import org.amiko.ssh.transport.Transport;
import org.amiko.ssh.transport.TransportConfig;
import org.amiko.ssh.transport.io.MemoryPipe;
import org.amiko.ssh.transport.kex.KexMethods;
import org.amiko.ssh.transport.keys.HostKey;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One operation = a complete SSH handshake between an amiko client and an amiko server in this
 * JVM over a {@link MemoryPipe}: version exchange, KEXINIT both ways, the key exchange method
 * (including the server's Ed25519 signature over the exchange hash and the client's check of it),
 * NEWKEYS both ways; then both transports are closed (DISCONNECT, reader threads joined).
 *
 * <p>The op is the wall time of the handshake as the client sees it; client and server each run
 * their half on their own reader thread, so on a machine with two or more cores their
 * computations overlap where the protocol lets them. The Ed25519 host key is generated once per
 * trial; every op makes fresh ephemeral keys, as a real connection does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class KeyExchangeBenchmark {

    /** Every name in {@link KexMethods#defaultNames()}, in its order; {@link #setUp} checks this list against it. */
    @Param({
        KexMethods.MLKEM768_X25519_SHA256,
        KexMethods.SNTRUP761_X25519_SHA512,
        KexMethods.SNTRUP761_X25519_SHA512_OPENSSH,
        KexMethods.CURVE25519_SHA256,
        KexMethods.CURVE25519_SHA256_LIBSSH,
        KexMethods.ECDH_NISTP256,
        KexMethods.ECDH_NISTP384,
        KexMethods.ECDH_NISTP521,
        KexMethods.DH_GEX_SHA256,
        KexMethods.DH_GROUP16_SHA512,
        KexMethods.DH_GROUP18_SHA512,
        KexMethods.DH_GROUP14_SHA256,
    })
    public String method;

    private TransportConfig clientConfig;
    private TransportConfig serverConfig;
    private ExecutorService serverStarter;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        List<String> listed = Arrays.asList(KeyExchangeBenchmark.class.getField("method").getAnnotation(Param.class).value());
        if (!listed.equals(KexMethods.defaultNames())) {
            throw new IllegalStateException("KeyExchangeBenchmark's @Param list " + listed
                    + " is not KexMethods.defaultNames() " + KexMethods.defaultNames() + ": update it");
        }
        HostKey hostKey = HostKey.generate(SshPublicKey.SSH_ED25519, new SecureRandom());
        List<String> kex = List.of(method);
        clientConfig = TransportConfig.builder()
                .kexAlgorithms(kex)
                .hostKeyVerifier(HostKeyVerifier.exactly(hostKey.publicKey()))
                .build();
        serverConfig = TransportConfig.builder()
                .kexAlgorithms(kex)
                .hostKeys(List.of(hostKey))
                .build();
        serverStarter = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "server-start");
            t.setDaemon(true);
            return t;
        });
        // One handshake outside the measurement, to fail early and to prove the method is the one run.
        Transport[] pair = handshake();
        try {
            String negotiated = pair[0].negotiated().kex();
            if (!method.equals(negotiated) || !method.equals(pair[1].negotiated().kex())) {
                throw new IllegalStateException("asked for " + method + " but negotiated " + negotiated);
            }
        } finally {
            pair[0].close();
            pair[1].close();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        serverStarter.shutdownNow();
    }

    @Benchmark
    public byte[] handshakeAndClose() throws Exception {
        Transport[] pair = handshake();
        byte[] sessionId = pair[0].sessionId();
        pair[0].close();
        pair[1].close();
        return sessionId;
    }

    /** Client and server over a fresh pipe, both past their first NEWKEYS: {client, server}. */
    private Transport[] handshake() throws Exception {
        MemoryPipe pipe = new MemoryPipe();
        Future<Transport> server = serverStarter.submit(() ->
                Transport.start(Role.SERVER, pipe.b().in(), pipe.b().out(), serverConfig, "client", 0));
        Transport client;
        try {
            client = Transport.start(Role.CLIENT, pipe.a().in(), pipe.a().out(), clientConfig, "server.test", 22);
        } catch (Exception e) {
            pipe.a().close();
            try {
                server.get(10, TimeUnit.SECONDS).close();
            } catch (Exception ignored) {
                // the server failed too
            }
            throw e;
        }
        return new Transport[] {client, server.get(30, TimeUnit.SECONDS)};
    }
}
