/**
 * OpenSSH known_hosts files (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"): parsing, host matching
 * (hashed names, ports, wildcards, negation, markers, host certificates) and writing. Depends on
 * nothing but the JDK.
 */
module org.amiko.ssh.knownhosts {
    exports org.amiko.ssh.knownhosts;
}
