package org.amiko.ssh.transport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.amiko.ssh.transport.io.MemoryPipe;

/** A client and a server transport talking over a {@link MemoryPipe}, both in this JVM. */
record PipeConnection(Transport client, Transport server) implements AutoCloseable {

    static PipeConnection open(TransportConfig clientConfig, TransportConfig serverConfig) throws Exception {
        MemoryPipe pipe = new MemoryPipe();
        CompletableFuture<Transport> server = CompletableFuture.supplyAsync(() -> {
            try {
                return Transport.start(Role.SERVER, pipe.b().in(), pipe.b().out(), serverConfig, "client", 0);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
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
        return new PipeConnection(client, server.get(10, TimeUnit.SECONDS));
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
