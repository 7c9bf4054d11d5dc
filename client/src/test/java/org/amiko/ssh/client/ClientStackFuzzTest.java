package org.amiko.ssh.client;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.amiko.ssh.transport.io.MemoryPipe;
import org.amiko.ssh.transport.keys.HostKey;
import org.amiko.ssh.transport.testing.FuzzChecks;
import org.amiko.ssh.transport.testing.FuzzInput;
import org.amiko.ssh.transport.testing.KexPeer;
import org.amiko.ssh.transport.testing.QuietDrain;

/**
 * The whole client (transport, host key check, authentication, a command's session) against a
 * fuzzed server over an in-memory pipe: the fuzzer chooses the server's messages and their
 * order. With flag bit 0 the server first completes a real key exchange and its messages go
 * encrypted; without, they go in cleartext and the fuzzer drives the key exchange itself. Every
 * run must end, with a result or a typed exception, once the server's stream ends.
 *
 * <p>Input: one flags byte, then the server's payloads as frames (uint16 length, bytes).
 */
class ClientStackFuzzTest {

    private static final HostKey HOST_KEY = HostKey.generate("ssh-ed25519", new SecureRandom());
    private static final SshClient CLIENT = SshClient.builder().user("fuzz").password("secret")
            .hostKeyPolicy(HostKeyPolicy.ACCEPT_ALL).agent(false).lookForKeys(false)
            .timeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(5))
            .transport(t -> t.writeTimeout(Duration.ofSeconds(5)).sendTimeout(Duration.ofSeconds(5)))
            .build();

    @FuzzTest
    void serverMessages(byte[] input) throws Exception {
        FuzzInput in = new FuzzInput(input);
        int flags = in.u8();
        List<byte[]> frames = in.frames(64);
        MemoryPipe pipe = new MemoryPipe(1 << 20);
        CompletableFuture<Object> done = new CompletableFuture<>();
        Thread client = new Thread(() -> {
            try (SshConnection c = CLIENT.connect(pipe.a().in(), pipe.a().out(), "fuzz.example", 22)) {
                done.complete(c.run("echo fuzz", Duration.ofSeconds(3)));
            } catch (IOException e) {
                done.complete(e);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }, "fuzz-client");
        client.setDaemon(true);
        client.start();
        KexPeer server = KexPeer.server(pipe.b().in(), pipe.b().out(), HOST_KEY);
        QuietDrain.play(server, flags, frames, pipe.b().in(), pipe.b().out(), done);
        Object result;
        try {
            result = done.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the client did not end within 30 s of the server's end of stream");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw new AssertionError(e.getCause());
        } finally {
            pipe.b().in().close();
        }
        if (result instanceof IOException e) {
            FuzzChecks.expected(e);
        }
    }

}
