package org.amiko.ssh.auth.server;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.amiko.ssh.auth.keys.KeyPairSigner;
import org.amiko.ssh.auth.keys.PrivateKeyFiles;
import org.amiko.ssh.auth.message.UserAuthFailure;
import org.amiko.ssh.auth.message.UserAuthInfoRequest;
import org.amiko.ssh.auth.message.UserAuthInfoResponse;
import org.amiko.ssh.auth.message.UserAuthMessage;
import org.amiko.ssh.auth.message.UserAuthRequest;
import org.amiko.ssh.auth.message.UserAuthSuccess;
import org.amiko.ssh.transport.DisconnectException;
import org.amiko.ssh.transport.HostKeyVerifier;
import org.amiko.ssh.transport.Role;
import org.amiko.ssh.transport.SshException;
import org.amiko.ssh.transport.Transport;
import org.amiko.ssh.transport.TransportConfig;
import org.amiko.ssh.transport.io.MemoryPipe;
import org.amiko.ssh.transport.keys.HostKey;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.wire.Bytes;

/**
 * A client that sends exactly the authentication requests a test scripts, one at a time, to a
 * {@link ServerAuthenticator} over an in-memory pipe, and reports the server's answer to each.
 * Every user has the same credentials: the key {@link #KEY}, the password {@code secret}, the
 * keyboard-interactive answer {@code 424242}; a "wrong" attempt uses another key or answer.
 */
final class ScriptedAuthClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final HostKey HOST_KEY = HostKey.generate("ssh-ed25519", new SecureRandom());
    static final KeyPairSigner KEY = new KeyPairSigner(PrivateKeyFiles.generate("ssh-ed25519", new SecureRandom()), "right");
    static final KeyPairSigner OTHER_KEY = new KeyPairSigner(PrivateKeyFiles.generate("ssh-ed25519", new SecureRandom()), "wrong");

    /** The server's answer to one scripted attempt. */
    sealed interface Answer {
    }

    record Success() implements Answer {
    }

    record Failure(List<String> canContinue, boolean partial) implements Answer {
    }

    /** The server ended the connection; {@code reason} is its DISCONNECT code, or -1 if it just hung up. */
    record Disconnected(int reason) implements Answer {
    }

    /** Every method offered, checking the same credentials for any user name. */
    static ServerAuthConfig config(List<List<String>> chains, int maxAttempts) {
        ServerAuthConfig c = ServerAuthConfig.of(
                (user, key) -> key.equals(KEY.publicKey()),
                (user, password) -> password.equals("secret") ? PasswordChecker.Result.ACCEPTED : PasswordChecker.Result.REFUSED,
                KeyboardInteractiveChallenge.fixed(new UserAuthInfoRequest("", "", "",
                        List.of(new UserAuthInfoRequest.Prompt("Token: ", false))), List.of("424242")));
        return c.withRequiredMethods(chains).withLimits(maxAttempts, WAIT);
    }

    final CompletableFuture<String> server = new CompletableFuture<>();
    private final Transport client;

    ScriptedAuthClient(ServerAuthConfig config) throws IOException {
        MemoryPipe pipe = new MemoryPipe();
        Thread serverThread = new Thread(() -> {
            try (Transport t = Transport.start(Role.SERVER, pipe.b().in(), pipe.b().out(),
                    TransportConfig.builder().hostKeys(List.of(HOST_KEY)).build(), "client", 0)) {
                server.complete(ServerAuthenticator.authenticate(t, config));
                t.receive(WAIT); // keep the connection until the client closes
            } catch (Exception e) {
                server.completeExceptionally(e);
            }
        }, "scripted-auth-server");
        serverThread.setDaemon(true);
        serverThread.start();
        client = Transport.start(Role.CLIENT, pipe.a().in(), pipe.a().out(),
                TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.exactly(HOST_KEY.publicKey())).build(), "server", 22);
        client.requestService("ssh-userauth", WAIT);
    }

    /** Sends one request for {@code method} as {@code user}, with the right credentials or not, and returns the answer. */
    Answer attempt(String user, String method, boolean right) throws IOException {
        return attempt(user, "ssh-connection", method, right);
    }

    Answer attempt(String user, String service, String method, boolean right) throws IOException {
        UserAuthRequest.Method m = switch (method) {
            case "none" -> new UserAuthRequest.None();
            case "password" -> new UserAuthRequest.Password(right ? "secret" : "guess", null);
            case "keyboard-interactive" -> new UserAuthRequest.KeyboardInteractive("", "");
            case "publickey" -> signed(user, service, right ? KEY : OTHER_KEY);
            default -> throw new IllegalArgumentException(method);
        };
        try {
            client.send(new UserAuthRequest(user, service, m).toPayload());
            while (true) {
                byte[] reply = client.receive(WAIT);
                if (reply == null) {
                    throw new AssertionError("no answer to " + method + " within " + WAIT);
                }
                UserAuthMessage answer = UserAuthMessage.decode(reply, method);
                if (answer instanceof UserAuthInfoRequest) {
                    client.send(new UserAuthInfoResponse(List.of(right ? "424242" : "000000")).toPayload());
                } else if (answer instanceof UserAuthSuccess) {
                    return new Success();
                } else if (answer instanceof UserAuthFailure f) {
                    return new Failure(f.methodsThatCanContinue(), f.partialSuccess());
                } else if (!(answer instanceof org.amiko.ssh.auth.message.UserAuthBanner)) {
                    throw new AssertionError("unexpected " + answer);
                }
            }
        } catch (DisconnectException e) {
            return new Disconnected(e.reasonCode());
        } catch (SshException e) {
            if (client.failure() instanceof DisconnectException d) {
                return new Disconnected(d.reasonCode());
            }
            return new Disconnected(-1);
        }
    }

    private UserAuthRequest.PublicKey signed(String user, String service, KeyPairSigner key) throws IOException {
        SignatureAlgorithm alg = key.algorithms().get(0);
        Bytes blob = key.publicKey().blob();
        byte[] data = UserAuthRequest.publicKeySignedData(client.sessionId(), user, service, alg.wireName(), blob);
        return new UserAuthRequest.PublicKey(alg.wireName(), blob, key.sign(alg, data));
    }

    /** The user the server authenticated, or the exception it ended with. */
    String serverResult() throws Exception {
        return server.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        client.close();
    }
}
