package org.amiko.ssh.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.amiko.ssh.auth.AuthenticationException;
import org.amiko.ssh.channel.forward.LocalPortForwarder;
import org.amiko.ssh.channel.session.ExitStatus;
import org.amiko.ssh.client.ChangedHostKeyException;
import org.amiko.ssh.client.HostKeyPolicy;
import org.amiko.ssh.client.RemoteProcess;
import org.amiko.ssh.client.RevokedHostKeyException;
import org.amiko.ssh.client.SshClient;
import org.amiko.ssh.client.SshConnection;
import org.amiko.ssh.client.UnknownHostKeyException;
import org.amiko.ssh.client.config.HostConfig;
import org.amiko.ssh.client.config.JumpHost;
import org.amiko.ssh.client.config.SshConfig;
import org.amiko.ssh.client.config.SshConfigException;
import org.amiko.ssh.transport.DisconnectException;

/**
 * {@code bin/amiko}: a drop-in for ssh(1) in non-interactive use. stdin goes to the remote command
 * (our EOF sends EOF), stdout and stderr stay apart, the exit status is the command's; 255 on any
 * connection, host key or authentication failure, with a one-line reason on stderr in OpenSSH's
 * words where it has them. ssh_config is read as ssh reads it ({@code ~/.ssh/config}, then
 * {@code /etc/ssh/ssh_config}; {@code -F} names another file or {@code none}).
 */
final class AmikoCommand {

    private final AmikoArgs args;
    /** user@host of the connection being made, for OpenSSH's "Permission denied" line. */
    private static volatile String target = "";

    private AmikoCommand(AmikoArgs args) {
        this.args = args;
    }

    static int run(String[] argv) {
        AmikoArgs args;
        try {
            args = AmikoArgs.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println("amiko: " + e.getMessage());
            System.err.println(AmikoArgs.USAGE);
            return 255;
        }
        Verbose.configure(args.verbosity(), args.quiet());
        try {
            return new AmikoCommand(args).run();
        } catch (SshConfigException e) {
            System.err.println(TerminalText.safe(e.getMessage()));
            return 255;
        } catch (IOException | RuntimeException e) {
            System.err.println(TerminalText.safe(reason(e))); // reasons quote the peer (DISCONNECT text, method names)
            if (args.verbosity() > 1) {
                java.io.StringWriter trace = new java.io.StringWriter();
                e.printStackTrace(new java.io.PrintWriter(trace));
                System.err.print(TerminalText.safe(trace.toString())); // exception messages quote the peer too
            }
            return 255;
        }
    }

    private int run() throws IOException {
        String destination = args.destination();
        List<String> options = new ArrayList<>(args.options());
        int at = destination.lastIndexOf('@');
        if (at >= 0) {
            options.add("User=" + destination.substring(0, at));
            destination = destination.substring(at + 1);
        }
        SshConfig config = args.configFile() == null ? SshConfig.defaults()
                : args.configFile().equals("none") ? SshConfig.none() : SshConfig.load(Path.of(args.configFile()));
        HostConfig host = config.resolve(destination, options);
        if (args.verbosity() == 0 && !args.quiet()) {
            // LogLevel from -o or the files, when -v and -q said nothing
            switch (host.logLevel()) {
                case QUIET, FATAL, ERROR -> Verbose.configure(0, true);
                case DEBUG1 -> Verbose.configure(1, false);
                case DEBUG2, DEBUG3 -> Verbose.configure(2, false);
                default -> { }
            }
        }
        Prompts prompts = new Prompts(host.batchMode());
        target = host.user() + "@" + host.hostName();
        Verbose.say(args.verbosity(), "connecting to " + host.hostName() + " port " + host.port() + " as " + host.user());
        SshConnection connection = connect(config, host, prompts, args.options());
        try (connection) {
            return session(connection);
        }
    }

    /** Connects through the ProxyJump chain, each jump with its own resolved options. */
    private SshConnection connect(SshConfig config, HostConfig host, Prompts prompts, List<String> commandLine) throws IOException {
        SshConnection via = null;
        List<SshConnection> chain = new ArrayList<>();
        try {
            for (JumpHost jump : host.proxyJump()) {
                List<String> jumpOptions = new ArrayList<>();
                if (jump.user() != null) {
                    jumpOptions.add("User=" + jump.user());
                }
                if (jump.port() > 0) {
                    jumpOptions.add("Port=" + jump.port());
                }
                jumpOptions.add("ProxyJump=none");
                HostConfig j = config.resolve(jump.host(), jumpOptions);
                SshClient c = client(j, prompts);
                via = via == null ? c.connect(j.hostName(), j.port()) : c.connectVia(via, j.hostName(), j.port());
                chain.add(via);
            }
            SshClient client = client(host, prompts);
            return via == null ? client.connect(host.hostName(), host.port()) : client.connectVia(via, host.hostName(), host.port());
        } catch (IOException | RuntimeException e) {
            for (SshConnection c : chain) {
                c.close();
            }
            throw e;
        }
    }

    private SshClient client(HostConfig h, Prompts prompts) {
        SshClient.Builder b = SshClient.builder().configure(h).hostKeyPolicy(policy(h, prompts))
                .passwordSource(user -> prompts.ask(user + "@" + h.hostName() + "'s password: ", false))
                .passphrases(file -> {
                    String answer = prompts.ask("Enter passphrase for key '" + file + "': ", false);
                    return answer == null ? null : answer.toCharArray();
                });
        b.banners(message -> {
            if (!args.quiet()) {
                System.err.print(TerminalText.safe(message));
            }
        });
        // keyboard-interactive as ssh(1) shows it: the server's name and instruction, then each prompt, all made safe
        b.keyboardInteractive((name, instruction, questions) -> {
            if (!name.isEmpty()) {
                System.err.println(TerminalText.safe(name));
            }
            if (!instruction.isEmpty()) {
                System.err.println(TerminalText.safe(instruction));
            }
            List<String> answers = new ArrayList<>();
            for (var q : questions) {
                String a = prompts.ask(TerminalText.safe(q.text()), q.echo());
                if (a == null) {
                    return null;
                }
                answers.add(a);
            }
            return answers;
        });
        return b.build();
    }

    /** StrictHostKeyChecking: yes (REJECT), accept-new, no (record new keys, accept changed ones), ask (the terminal). */
    private static HostKeyPolicy policy(HostConfig h, Prompts prompts) {
        switch (h.strictHostKeyChecking()) {
            case YES:
                return HostKeyPolicy.REJECT;
            case ACCEPT_NEW:
                return HostKeyPolicy.ACCEPT_NEW;
            case NO:
                return new HostKeyPolicy() {
                    @Override
                    public void unknownHost(UnknownHost host) throws IOException {
                        if (host.userFile() != null) {
                            HostKeyPolicy.ACCEPT_NEW.unknownHost(host);
                        }
                        System.err.println("Warning: Permanently added '" + name(host.host(), host.port()) + "' ("
                                + host.key().keyType() + ") to the list of known hosts.");
                    }

                    @Override
                    public boolean acceptsChangedKeys() {
                        return true;
                    }

                    @Override
                    public void changedKeyAccepted(ChangedHostKeyException changed) {
                        String warning = TerminalText.safe(reason(changed));
                        int end = warning.lastIndexOf("\nHost key verification failed.");
                        System.err.println(end < 0 ? warning : warning.substring(0, end));
                        System.err.println(HostKeyPolicy.MITM_DISABLED);
                    }
                };
            default:
                return host -> {
                    String answer = prompts.ask("The authenticity of host '" + name(host.host(), host.port())
                            + "' can't be established.\n" + host.key().keyType() + " key fingerprint is "
                            + host.key().sha256Fingerprint() + ".\nAre you sure you want to continue connecting"
                            + " (yes/no/[fingerprint])? ", true);
                    if (answer != null && (answer.equalsIgnoreCase("yes") || answer.equals(host.key().sha256Fingerprint()))) {
                        HostKeyPolicy.ACCEPT_NEW.unknownHost(host);
                        return;
                    }
                    HostKeyPolicy.REJECT.unknownHost(host);
                };
        }
    }

    private static String name(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    private int session(SshConnection c) throws IOException {
        List<LocalPortForwarder> locals = new ArrayList<>();
        for (String spec : args.localForwards()) {
            ForwardSpec f = ForwardSpec.parse(spec);
            locals.add(c.forwardLocal(f.listenPort(), f.host(), f.port()));
        }
        for (String spec : args.remoteForwards()) {
            ForwardSpec f = ForwardSpec.parse(spec);
            int port = c.forwardRemote(f.bindAddress() == null ? "localhost" : f.bindAddress(), f.listenPort(), f.host(), f.port());
            if (f.listenPort() == 0) {
                System.err.println("Allocated port " + port + " for remote forward to " + f.host() + ":" + f.port());
            }
        }
        if (args.noCommand()) {
            c.connection().endedFuture().join();
            return 255;
        }
        if (args.command().isEmpty()) {
            var s = c.openSession();
            s.shell();
            return pump(s.stdin(), s.stdout(), s.stderr(), () -> s.waitFor(Duration.ofDays(3650)));
        }
        RemoteProcess p = c.exec(args.commandLine());
        return pump(p.stdin(), p.stdout(), p.stderr(), () -> p.waitFor(Duration.ofDays(3650)));
    }

    @FunctionalInterface
    private interface Waiter {
        ExitStatus waitFor() throws IOException;
    }

    private static int pump(OutputStream remoteIn, InputStream remoteOut, InputStream remoteErr, Waiter waiter)
            throws IOException {
        Thread in = copier(System.in, remoteIn, true);
        Thread err = copier(remoteErr, System.err, false);
        remoteOut.transferTo(System.out);
        System.out.flush();
        try {
            err.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ExitStatus status = waiter.waitFor();
        if (status instanceof ExitStatus.Exited e) {
            return e.code();
        }
        return 255; // ssh(1) too: killed by a signal, or no status at all
    }

    private static Thread copier(InputStream from, OutputStream to, boolean closeAfter) {
        Thread t = new Thread(() -> {
            try {
                byte[] buf = new byte[32 * 1024];
                int n;
                while ((n = from.read(buf)) >= 0) {
                    to.write(buf, 0, n);
                    to.flush();
                }
                if (closeAfter) {
                    to.close(); // EOF on our stdin: EOF to the command
                }
            } catch (IOException ignored) {
                // the channel or the stream ended
            }
        }, "amiko-copy");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** One line in OpenSSH's words where it has them. */
    static String reason(Exception e) {
        if (e instanceof UnknownHostKeyException u) {
            return "No " + keyName(u.key().keyType()) + " host key is known for " + name(u.host(), u.port())
                    + " and you have requested strict checking.\nHost key verification failed.";
        }
        if (e instanceof ChangedHostKeyException c) {
            return "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
                    + "@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n"
                    + "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
                    + "IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!\n"
                    + "The fingerprint for the " + keyName(c.key().keyType()) + " key sent by the remote host is\n"
                    + c.key().sha256Fingerprint() + ".\n"
                    + c.knownKeys().stream().map(k -> "Offending " + keyName(k.keyType()) + " key in " + k.location())
                            .reduce((a, b) -> a + "\n" + b).orElse("") + "\n"
                    + "Host key verification failed.";
        }
        if (e instanceof RevokedHostKeyException r) {
            return "Host key " + r.key().keyType() + " " + r.key().sha256Fingerprint() + " revoked by file\n"
                    + "Host key verification failed.";
        }
        if (e instanceof AuthenticationException a) {
            return target + ": Permission denied (" + String.join(",", a.allowed()) + ").";
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ConnectException || cause instanceof SocketTimeoutException
                || cause instanceof UnknownHostException) {
            return "ssh: " + e.getMessage();
        }
        if (e instanceof DisconnectException d) {
            return d.getMessage();
        }
        return "amiko: " + e.getMessage();
    }

    private static String keyName(String keyType) {
        String t = keyType.toLowerCase(Locale.ROOT);
        if (t.contains("ed25519")) {
            return "ED25519";
        }
        if (t.contains("ecdsa")) {
            return "ECDSA";
        }
        return "RSA";
    }
}
