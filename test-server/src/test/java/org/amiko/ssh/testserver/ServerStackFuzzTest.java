package org.amiko.ssh.testserver;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.amiko.ssh.auth.keys.KeyPairSigner;
import org.amiko.ssh.auth.keys.PrivateKeyFiles;
import org.amiko.ssh.transport.io.MemoryPipe;
import org.amiko.ssh.transport.testing.FuzzChecks;
import org.amiko.ssh.transport.testing.FuzzInput;
import org.amiko.ssh.transport.testing.KexPeer;
import org.amiko.ssh.transport.testing.QuietDrain;

/**
 * The whole server role (transport, authentication, connection protocol, sessions) driven by a
 * fuzzed client over an in-memory pipe: the fuzzer chooses the messages and their order, so
 * states are explored, not just bytes. With flag bit 0 the client first completes a real key
 * exchange and its messages go encrypted; without, they go in cleartext from the start and the
 * fuzzer drives the key exchange itself. Every run must end (the client's end of stream ends the
 * connection) with a typed exception or none; commands are hermetic, forwarding is refused.
 *
 * <p>Input: one flags byte, then the client's payloads as frames (uint16 length, bytes).
 */
class ServerStackFuzzTest {

    static final KeyPairSigner KEY = new KeyPairSigner(PrivateKeyFiles.generate("ssh-ed25519", new SecureRandom()), "fuzz");
    private static final TestServer SERVER = start(Knobs.NONE);
    /**
     * Logging in takes publickey then password, and no fuzz input can sign for {@link #KEY}: no run
     * may ever be authenticated by this server (an oracle for bypasses like a method outside every
     * chain being enough).
     */
    private static final TestServer LOCKED = start(Knobs.builder()
            .requiredMethods(List.of(List.of("publickey", "password"))).build());

    private static TestServer start(Knobs knobs) {
        try {
            return TestServer.builder().hostKey(org.amiko.ssh.transport.keys.HostKey.generate("ssh-ed25519", new SecureRandom()))
                    .knobs(knobs).user("fuzz", "secret").authorizedKey(Users.ANY_USER, KEY.publicKey())
                    .commands(ScriptedCommands.of(line -> ScriptedCommands.Result.of(line, "e", line.length() % 4)))
                    .shell(ScriptedCommands.of(line -> ScriptedCommands.Result.stdout("$ ")))
                    .subsystem("sftp", ScriptedCommands.of(line -> ScriptedCommands.Result.stdout("")))
                    .directTcpip((host, port) -> false).tcpipForward(host -> false)
                    .authTimeout(Duration.ofSeconds(5)).maxConnections(4)
                    .transport(t -> t.writeTimeout(Duration.ofSeconds(5)).sendTimeout(Duration.ofSeconds(5)))
                    .start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @FuzzTest
    void clientMessages(byte[] input) throws Exception {
        run(SERVER, input);
    }

    /** The same, against a server no fuzz input can log in to: authenticating is a finding. */
    @FuzzTest
    void clientMessagesNeverLogIn(byte[] input) throws Exception {
        int before = LOCKED.authenticatedConnections();
        run(LOCKED, input);
        if (LOCKED.authenticatedConnections() != before) {
            throw new AssertionError("a client authenticated without completing publickey then password");
        }
    }

    private static void run(TestServer target, byte[] input) throws Exception {
        FuzzInput in = new FuzzInput(input);
        int flags = in.u8();
        List<byte[]> frames = in.frames(64);
        MemoryPipe pipe = new MemoryPipe(1 << 20);
        CompletableFuture<IOException> served = new CompletableFuture<>();
        Thread server = new Thread(() -> {
            try {
                served.complete(target.serve(pipe.b().in(), pipe.b().out(), "127.0.0.1"));
            } catch (Throwable t) {
                served.completeExceptionally(t);
            }
        }, "fuzz-serve");
        server.setDaemon(true);
        server.start();
        KexPeer client = KexPeer.client(pipe.a().in(), pipe.a().out());
        QuietDrain.play(client, flags, frames, pipe.a().in(), pipe.a().out(), served);
        IOException ended = ended(served);
        pipe.a().in().close();
        if (ended != null) {
            FuzzChecks.expected(ended);
        }
    }

    static IOException ended(CompletableFuture<IOException> served) throws Exception {
        try {
            return served.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the server did not end the connection within 20 s of the client's end of stream");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw new AssertionError(e.getCause());
        }
    }
}
