/**
 * amiko's high-level SSH client: an immutable {@link org.amiko.ssh.client.SshClient}, known_hosts
 * and host key policies (secure by default), authentication in OpenSSH's order, and commands run
 * through {@link org.amiko.ssh.client.SshConnection}.
 */
module org.amiko.ssh.client {
    requires transitive org.amiko.ssh.channel;
    requires transitive org.amiko.ssh.knownhosts;

    exports org.amiko.ssh.client;
    exports org.amiko.ssh.client.config;
}
