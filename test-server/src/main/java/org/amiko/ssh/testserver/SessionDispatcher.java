package org.amiko.ssh.testserver;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.amiko.ssh.auth.server.KeyRestrictions;
import org.amiko.ssh.auth.server.Wildcard;
import org.amiko.ssh.channel.session.ExitStatus;
import org.amiko.ssh.channel.session.ServerSession;
import org.amiko.ssh.channel.session.SessionHandler;
import org.amiko.ssh.channel.session.SessionRequest;

/**
 * The server side of one session channel: gathers {@code env} and {@code pty-req}, starts the one
 * command ({@code exec}, {@code shell} or {@code subsystem}) with its handler once the reply is
 * out, passes on {@code signal}s, and ends the channel as the command ended, under the knobs.
 * The user's key restrictions apply as in sshd: a forced command runs whatever was asked (which
 * goes to it in {@code SSH_ORIGINAL_COMMAND}), {@code no-pty} refuses a pty, and the key's
 * {@code environment=} is applied only where user environment is permitted.
 */
final class SessionDispatcher implements SessionHandler {

    /** sshd (session.c): env requests beyond this many are refused. */
    static final int MAX_ENV = 128;

    private final String user;
    private final KeyRestrictions restrictions;
    private final ServerSettings settings;
    private final Map<String, String> env = new LinkedHashMap<>();
    private SessionRequest.PtyReq pty;
    private volatile Command running;

    SessionDispatcher(String user, KeyRestrictions restrictions, ServerSettings settings) {
        this.user = user;
        this.restrictions = restrictions;
        this.settings = settings;
    }

    @Override
    public boolean request(ServerSession session, SessionRequest request) {
        if (request instanceof SessionRequest.Env e) {
            if (!accepted(e.name()) || (env.size() >= MAX_ENV && !env.containsKey(e.name()))) {
                return false;
            }
            env.put(e.name(), e.value());
            return true;
        }
        if (request instanceof SessionRequest.PtyReq p) {
            if (!restrictions.pty()) {
                return false; // no-pty, restrict
            }
            pty = p;
            return true;
        }
        if (request instanceof SessionRequest.WindowChange) {
            return true;
        }
        if (request instanceof SessionRequest.Signal s) {
            Command c = running;
            if (c != null) {
                c.signals().add(s.name());
            }
            return true;
        }
        if (running != null) {
            return false; // RFC 4254 §6.5: one program per session
        }
        CommandHandler handler;
        Command command;
        if (restrictions.forcedCommand() != null && (request instanceof SessionRequest.Exec
                || request instanceof SessionRequest.Shell || request instanceof SessionRequest.Subsystem)) {
            // command=: this key runs one command, whatever the client asked for, and nothing the
            // client set may change how it runs: its environment is not passed on
            env.clear();
            String original = request instanceof SessionRequest.Exec exec ? exec.command()
                    : request instanceof SessionRequest.Subsystem sub ? sub.name() : null;
            if (original != null) {
                env.put("SSH_ORIGINAL_COMMAND", original);
            }
            handler = settings.commands();
            command = command(session, restrictions.forcedCommand(), null);
        } else if (request instanceof SessionRequest.Exec exec) {
            handler = settings.commands();
            command = command(session, exec.command(), null);
        } else if (request instanceof SessionRequest.Shell) {
            handler = settings.shell();
            command = command(session, null, null);
        } else if (request instanceof SessionRequest.Subsystem sub) {
            handler = settings.subsystems().get(sub.name());
            command = command(session, null, sub.name());
        } else {
            return false;
        }
        if (handler == null) {
            return false;
        }
        running = command;
        session.start(() -> run(session, handler, command), settings.threads());
        return true;
    }

    /**
     * sshd's AcceptEnv: a name the server's patterns admit (LANG and LC_* by default), and never
     * one that changes how the command itself is started (the Perl wrapper, the dynamic linker,
     * the shell's start-up) or that the server sets ({@code SSH_ORIGINAL_COMMAND}).
     */
    private boolean accepted(String name) {
        if (name.startsWith("LD_") || name.startsWith("PERL") || name.equals("BASH_ENV") || name.equals("ENV")
                || name.equals("IFS") || name.equals("SHELLOPTS") || name.equals("SSH_ORIGINAL_COMMAND")) {
            return false;
        }
        for (String pattern : settings.acceptEnv()) {
            if (Wildcard.matches(pattern, name)) {
                return true;
            }
        }
        return false;
    }

    private Command command(ServerSession session, String line, String subsystem) {
        if (settings.permitUserEnvironment()) {
            for (String entry : restrictions.environment()) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    env.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
        }
        return new Command(user, line, subsystem, env, pty, session.stdin(), session.stdout(), session.stderr(),
                session.channel().closedFuture());
    }

    private void run(ServerSession session, CommandHandler handler, Command command) {
        try {
            Knobs knobs = settings.knobs();
            if (knobs.stderrFlood() > 0) {
                byte[] chunk = new byte[32 * 1024];
                java.util.Arrays.fill(chunk, (byte) 'E');
                for (long n = 0; n < knobs.stderrFlood(); n += chunk.length) {
                    command.stderr().write(chunk, 0, (int) Math.min(chunk.length, knobs.stderrFlood() - n));
                }
            }
            ExitStatus status = handler.run(command);
            if (knobs.exitSignal() != null) {
                status = new ExitStatus.Killed(knobs.exitSignal(), false, "", "");
            }
            if (status instanceof ExitStatus.Exited e) {
                session.exit(e.code());
            } else if (status instanceof ExitStatus.Killed k) {
                session.exitBySignal(k.signal(), k.coreDumped(), k.errorMessage());
            } else {
                session.channel().sendEof();
                session.channel().close();
            }
        } catch (Exception e) {
            try {
                session.channel().close();
            } catch (IOException ignored) {
                // the connection is gone
            }
        }
    }
}
