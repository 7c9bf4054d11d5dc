package org.amiko.ssh.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.amiko.ssh.auth.keys.KeyPairSigner;
import org.amiko.ssh.auth.keys.PrivateKeyFiles;
import org.amiko.ssh.auth.message.UserAuthInfoRequest;
import org.amiko.ssh.auth.server.KeyboardInteractiveChallenge;
import org.amiko.ssh.auth.server.PasswordChecker;
import org.amiko.ssh.auth.server.ServerAuthConfig;
import org.amiko.ssh.auth.server.ServerAuthenticator;
import org.amiko.ssh.transport.DisconnectException;
import org.amiko.ssh.transport.DisconnectReason;
import org.amiko.ssh.transport.HostKeyVerifier;
import org.amiko.ssh.transport.Role;
import org.amiko.ssh.transport.Transport;
import org.amiko.ssh.transport.TransportConfig;
import org.amiko.ssh.transport.io.MemoryPipe;
import org.amiko.ssh.transport.keys.HostKey;
import org.junit.jupiter.api.Test;

/** Our client against our server role over an in-memory pipe: every method, partial success, banner, limits. */
class AuthOverPipeTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HostKey HOST_KEY = HostKey.generate("ssh-ed25519", new SecureRandom());
    private static final KeyPair ALICE = PrivateKeyFiles.generate("ssh-ed25519", new SecureRandom());
    private static final KeyPair MALLORY = PrivateKeyFiles.generate("ecdsa-sha2-nistp256", new SecureRandom());

    /** What the server side ended with: the user name, or the exception. */
    private record Run(CompletableFuture<String> server, Transport client) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }

        String user() throws Exception {
            return server.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static Run start(ServerAuthConfig config) throws Exception {
        MemoryPipe pipe = new MemoryPipe();
        CompletableFuture<String> server = new CompletableFuture<>();
        Thread serverThread = new Thread(() -> {
            try (Transport t = Transport.start(Role.SERVER, pipe.b().in(), pipe.b().out(),
                    TransportConfig.builder().hostKeys(List.of(HOST_KEY)).build(), "client", 0)) {
                server.complete(ServerAuthenticator.authenticate(t, config));
                t.receive(WAIT); // keep the connection until the client closes
            } catch (Exception e) {
                server.completeExceptionally(e);
            }
        });
        serverThread.setDaemon(true);
        serverThread.start();
        Transport client = Transport.start(Role.CLIENT, pipe.a().in(), pipe.a().out(),
                TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.exactly(HOST_KEY.publicKey())).build(), "server", 22);
        return new Run(server, client);
    }

    private static ServerAuthConfig config() {
        return ServerAuthConfig.of(
                (user, key) -> user.equals("alice") && key.equals(new KeyPairSigner(ALICE, "alice").publicKey()),
                (user, password) -> user.equals("alice") && password.equals("secret")
                        ? PasswordChecker.Result.ACCEPTED : PasswordChecker.Result.REFUSED,
                KeyboardInteractiveChallenge.fixed(new UserAuthInfoRequest("login", "answer please", "",
                        List.of(new UserAuthInfoRequest.Prompt("Token: ", true))), List.of("424242")));
    }

    private static void authenticate(Run run, String user, AuthMethod... methods) throws Exception {
        ClientAuthenticator.authenticate(run.client(), user, List.of(methods), BannerListener.IGNORE, WAIT);
    }

    @Test
    void publicKey() throws Exception {
        try (Run run = start(config())) {
            authenticate(run, "alice", new PublicKeyAuth(List.of(new KeyPairSigner(MALLORY, "mallory"), new KeyPairSigner(ALICE, "alice"))));
            assertEquals("alice", run.user());
        }
    }

    @Test
    void password() throws Exception {
        try (Run run = start(config())) {
            authenticate(run, "alice", PasswordAuth.of("secret"));
            assertEquals("alice", run.user());
        }
    }

    @Test
    void keyboardInteractive() throws Exception {
        List<String> seen = new ArrayList<>();
        try (Run run = start(config())) {
            authenticate(run, "alice", new KeyboardInteractiveAuth((name, instruction, prompts) -> {
                seen.add(name + "/" + instruction + "/" + prompts.get(0).text());
                return List.of("424242");
            }));
            assertEquals("alice", run.user());
        }
        assertEquals(List.of("login/answer please/Token: "), seen);
    }

    @Test
    void failureSaysWhatWasTriedAndWhatIsAllowed() throws Exception {
        try (Run run = start(config())) {
            AuthenticationException e = assertThrows(AuthenticationException.class, () ->
                    authenticate(run, "alice", new PublicKeyAuth(List.of(new KeyPairSigner(MALLORY, "mallory.key"))), PasswordAuth.of("wrong")));
            assertEquals(List.of("publickey", "keyboard-interactive", "password"), e.allowed());
            assertEquals(2, e.tried().size(), e.tried().toString());
            assertTrue(e.tried().get(0).contains("mallory.key") && e.tried().get(0).contains("refused"), e.tried().get(0));
            assertTrue(e.getMessage().contains("password: refused"), e.getMessage());
        }
    }

    @Test
    void partialSuccessThenSecondMethod() throws Exception {
        ServerAuthConfig both = config().withRequiredMethods(List.of(List.of("publickey", "password")));
        try (Run run = start(both)) {
            authenticate(run, "alice", new PublicKeyAuth(List.of(new KeyPairSigner(ALICE, "alice"))), PasswordAuth.of("secret"));
            assertEquals("alice", run.user());
        }
        try (Run run = start(both)) {
            AuthenticationException e = assertThrows(AuthenticationException.class, () ->
                    authenticate(run, "alice", new PublicKeyAuth(List.of(new KeyPairSigner(ALICE, "alice")))));
            assertTrue(e.tried().get(0).contains("more methods required"), e.tried().toString());
            assertEquals(List.of("password"), e.allowed());
        }
    }

    @Test
    void passwordChange() throws Exception {
        List<String> prompts = new CopyOnWriteArrayList<>();
        PasswordChecker expiring = new PasswordChecker() {
            public Result check(String user, String password) {
                return password.equals("old") ? Result.CHANGE_REQUIRED : Result.REFUSED;
            }

            public boolean change(String user, String oldPassword, String newPassword) {
                return newPassword.equals("new");
            }
        };
        try (Run run = start(ServerAuthConfig.of(null, expiring, null))) {
            authenticate(run, "bob", new PasswordAuth(new PasswordAuth.PasswordSource() {
                public String password(String user) {
                    return "old";
                }

                public String newPassword(String user, String prompt) {
                    prompts.add(prompt);
                    return "new";
                }
            }));
            assertEquals("bob", run.user());
        }
        assertEquals(1, prompts.size());
    }

    @Test
    void bannerReachesTheListener() throws Exception {
        List<String> banners = new CopyOnWriteArrayList<>();
        try (Run run = start(config().withBanner("Authorized use only\n"))) {
            ClientAuthenticator.authenticate(run.client(), "alice", List.of(PasswordAuth.of("secret")), banners::add, WAIT);
            assertEquals("alice", run.user());
        }
        assertEquals(List.of("Authorized use only\n"), banners);
    }

    @Test
    void tooManyFailuresDisconnect() throws Exception {
        try (Run run = start(config().withLimits(2, WAIT))) {
            List<AuthMethod> attempts = new ArrayList<>();
            attempts.add(PasswordAuth.of("one"));
            assertThrows(AuthenticationException.class, () -> ClientAuthenticator.authenticate(run.client(), "alice",
                    attempts, BannerListener.IGNORE, WAIT));
            // a second round of wrong passwords reaches the limit
            DisconnectException e = assertThrows(DisconnectException.class, () -> {
                for (int i = 0; i < 3; i++) {
                    run.client().send(new org.amiko.ssh.auth.message.UserAuthRequest("alice", "ssh-connection",
                            new org.amiko.ssh.auth.message.UserAuthRequest.Password("bad", null)).toPayload());
                    run.client().receive(WAIT);
                }
            });
            assertEquals(DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE, e.reason());
            ExecutionException failed = assertThrows(ExecutionException.class, run::user);
            assertTrue(failed.getCause().getMessage().contains("too many"), failed.getCause().getMessage());
        }
    }
}
