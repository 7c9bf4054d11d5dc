package org.amiko.ssh.testserver;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.amiko.ssh.auth.server.ServerAuthConfig;
import org.amiko.ssh.transport.TransportConfig;

/** Everything a {@link TestServer} decided at build time, shared by its connections. */
record ServerSettings(TransportConfig transport, ServerAuthConfig auth, CommandHandler commands, CommandHandler shell,
                      Map<String, CommandHandler> subsystems, BiPredicate<String, Integer> directTcpip,
                      Predicate<String> tcpipForward, Knobs knobs, int maxConnections, int maxUnauthenticated, Duration idleTimeout, ThreadFactory threads,
                      boolean permitUserEnvironment, List<String> acceptEnv, int maxSessions, int maxChannels, int maxForwardListeners) {
}
