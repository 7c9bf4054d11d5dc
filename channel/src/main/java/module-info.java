/**
 * amiko's SSH connection protocol (RFC 4254) in both roles: channels with flow control, session
 * channels (exec, shell, subsystem, pty, signals, exit status) and TCP/IP forwarding.
 */
module org.amiko.ssh.channel {
    requires transitive org.amiko.ssh.auth;

    exports org.amiko.ssh.channel;
    exports org.amiko.ssh.channel.message;
    exports org.amiko.ssh.channel.session;
    exports org.amiko.ssh.channel.forward;
}
