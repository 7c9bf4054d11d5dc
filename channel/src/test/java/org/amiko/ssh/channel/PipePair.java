package org.amiko.ssh.channel;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.amiko.ssh.transport.HostKeyVerifier;
import org.amiko.ssh.transport.Role;
import org.amiko.ssh.transport.Transport;
import org.amiko.ssh.transport.TransportConfig;
import org.amiko.ssh.transport.io.MemoryPipe;
import org.amiko.ssh.transport.keys.HostKey;

/** Our client and our server role, each a {@link Connection}, over an in-memory pipe. */
record PipePair(Connection client, Connection server) implements AutoCloseable {

    private static final HostKey HOST_KEY = HostKey.generate("ssh-ed25519", new SecureRandom());

    static PipePair open(ConnectionConfig clientConfig, ConnectionConfig serverConfig) throws Exception {
        Transport[] transports = transports(List.of("aes128-gcm@openssh.com"));
        return new PipePair(Connection.start(transports[0], clientConfig), Connection.start(transports[1], serverConfig));
    }

    /** A client transport [0] and a server transport [1] over a fresh pipe, keys exchanged. */
    static Transport[] transports(List<String> ciphers) throws Exception {
        MemoryPipe pipe = new MemoryPipe(1 << 20);
        CompletableFuture<Transport> server = CompletableFuture.supplyAsync(() -> {
            try {
                return Transport.start(Role.SERVER, pipe.b().in(), pipe.b().out(),
                        TransportConfig.builder().hostKeys(List.of(HOST_KEY)).ciphers(ciphers).build(), "client", 0);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Transport client = Transport.start(Role.CLIENT, pipe.a().in(), pipe.a().out(),
                TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.exactly(HOST_KEY.publicKey())).ciphers(ciphers)
                        .build(), "server.test", 22);
        return new Transport[] {client, server.get(30, TimeUnit.SECONDS)};
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
