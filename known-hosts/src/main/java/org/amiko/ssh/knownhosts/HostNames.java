package org.amiko.ssh.knownhosts;

/**
 * The host field of a known_hosts line (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"): either a
 * comma-separated list of patterns ({@link HostPatternList}) or one hashed name ({@link
 * HashedHostName}, a field that starts with {@code |}).
 */
public sealed interface HostNames permits HostPatternList, HashedHostName {

    /** The field exactly as written in the file. */
    String text();

    /**
     * Whether the line applies to {@code host} on {@code port}, as OpenSSH decides it: the name is
     * {@code host} for port 22 and {@code [host]:port} otherwise, compared without regard to ASCII case.
     */
    boolean matches(String host, int port);
}
