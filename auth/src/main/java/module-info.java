/**
 * amiko's SSH user authentication (RFC 4252, RFC 4256) in both roles, the private key files users
 * have, and the ssh-agent.
 */
module org.amiko.ssh.auth {
    requires transitive org.amiko.ssh.transport;
    requires org.bouncycastle.provider;

    exports org.amiko.ssh.auth;
    exports org.amiko.ssh.auth.keys;
    exports org.amiko.ssh.auth.agent;
    exports org.amiko.ssh.auth.message;
    exports org.amiko.ssh.auth.server;
}
