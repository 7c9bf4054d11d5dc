package org.amiko.ssh.testserver.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.amiko.ssh.testserver.TestServer;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a {@link TestServer} before each test (as an instance field) or once for the class (as a
 * static field), and stops it afterwards; test methods may take the {@link TestServer}, its host
 * key ({@link SshPublicKey}) and a ready known_hosts file ({@code Path} parameter annotated
 * {@link ServerKnownHosts}) as parameters.
 *
 * <pre>{@code
 * @RegisterExtension
 * static SshServerExtension ssh = SshServerExtension.with(() -> TestServer.builder().user("alice", "secret"));
 *
 * @Test
 * void logsIn(TestServer server, @ServerKnownHosts Path knownHosts) { ... }
 * }</pre>
 */
public final class SshServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private final Supplier<TestServer.Builder> builder;
    private TestServer server;
    private Path knownHosts;
    private boolean perClass;

    private SshServerExtension(Supplier<TestServer.Builder> builder) {
        this.builder = builder;
    }

    /** A server built afresh from {@code builder} for each start. */
    public static SshServerExtension with(Supplier<TestServer.Builder> builder) {
        return new SshServerExtension(builder);
    }

    /** A server with the defaults (no users). */
    public static SshServerExtension defaults() {
        return with(TestServer::builder);
    }

    /** The running server; only between start and stop. */
    public TestServer server() {
        if (server == null) {
            throw new IllegalStateException("the test server is not running");
        }
        return server;
    }

    /** The known_hosts file naming the running server's host keys. */
    public Path knownHostsFile() {
        server();
        return knownHosts;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        perClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (!perClass) {
            stop();
        }
    }

    private void start() throws IOException {
        server = builder.get().start();
        knownHosts = server.writeKnownHosts(Files.createTempFile("amiko-known_hosts-", ""));
    }

    private void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        if (knownHosts != null) {
            Files.deleteIfExists(knownHosts);
            knownHosts = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext context) {
        Class<?> type = p.getParameter().getType();
        return type == TestServer.class || type == SshPublicKey.class
                || (type == Path.class && p.isAnnotated(ServerKnownHosts.class));
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext context) {
        Class<?> type = p.getParameter().getType();
        if (type == TestServer.class) {
            return server();
        }
        if (type == SshPublicKey.class) {
            return server().hostKey();
        }
        return knownHostsFile();
    }
}
