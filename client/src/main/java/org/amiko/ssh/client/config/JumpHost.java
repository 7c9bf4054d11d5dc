package org.amiko.ssh.client.config;

/**
 * One hop of ssh_config(5) ProxyJump, {@code [user@]host[:port]}.
 *
 * @param user the user for this hop, or null to use the hop's own configuration
 * @param host a host name or address (an IPv6 address without its brackets)
 * @param port the port, or 0 for the hop's configured or default port
 */
public record JumpHost(String user, String host, int port) {

    public JumpHost {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("empty jump host");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("bad port " + port);
        }
    }

    /** As ProxyJump and {@code ssh -G} write it: {@code user@host:port}, an IPv6 address in brackets. */
    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return (user != null ? user + "@" : "") + h + (port != 0 ? ":" + port : "");
    }
}
