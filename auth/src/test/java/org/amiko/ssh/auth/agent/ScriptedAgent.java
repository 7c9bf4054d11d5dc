package org.amiko.ssh.auth.agent;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hostile or odd agent for tests, built from our own codec: it accepts one connection on a
 * Unix-domain socket, reads each request frame and lets a script answer it with any bytes, or
 * with none. The requests it read are kept for assertions.
 */
final class ScriptedAgent implements AutoCloseable {

    /** What the agent does with one request: write anything to the channel, or nothing. */
    @FunctionalInterface
    interface Script {
        void answer(byte[] request, SocketChannel channel) throws IOException;
    }

    private final Path socket;
    private final ServerSocketChannel server;
    private final Thread thread;
    private final List<byte[]> requests = new CopyOnWriteArrayList<>();
    private volatile SocketChannel connection;

    private ScriptedAgent(Path socket, ServerSocketChannel server, Script script) {
        this.socket = socket;
        this.server = server;
        this.thread = new Thread(() -> run(script), "scripted-agent");
        thread.setDaemon(true);
    }

    static ScriptedAgent start(Path dir, Script script) throws IOException {
        Path socket = dir.resolve("scripted.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        ScriptedAgent agent = new ScriptedAgent(socket, server, script);
        agent.thread.start();
        return agent;
    }

    /** A script that writes these bytes, whatever the request. */
    static Script replies(byte[] raw) {
        return (request, channel) -> write(channel, raw);
    }

    /** A script that answers one payload in a proper frame. */
    static Script answers(byte[] payload) {
        return replies(AgentProtocol.frame(payload));
    }

    static void write(SocketChannel channel, byte[] raw) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(raw);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    Path socket() {
        return socket;
    }

    /** The request payloads read so far. */
    List<byte[]> requests() {
        return requests;
    }

    private void run(Script script) {
        try (SocketChannel ch = server.accept()) {
            connection = ch;
            while (true) {
                ByteBuffer header = ByteBuffer.allocate(4);
                if (!readFully(ch, header)) {
                    return;
                }
                ByteBuffer body = ByteBuffer.allocate(AgentProtocol.checkLength(header.getInt(0) & 0xffffffffL));
                if (!readFully(ch, body)) {
                    return;
                }
                requests.add(body.array());
                script.answer(body.array(), ch);
            }
        } catch (IOException e) {
            // closed by the test or the client: the script is over
        }
    }

    private static boolean readFully(SocketChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        server.close();
        SocketChannel ch = connection;
        if (ch != null) {
            ch.close();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(socket);
    }
}
