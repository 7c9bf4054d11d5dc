package org.amiko.ssh.cli;

/** An {@code -L} or {@code -R} argument: {@code [bind_address:]port:host:hostport}. */
record ForwardSpec(String bindAddress, int listenPort, String host, int port) {

    static ForwardSpec parse(String spec) {
        String[] parts = spec.split(":");
        try {
            if (parts.length == 3) {
                return new ForwardSpec(null, Integer.parseInt(parts[0]), parts[1], Integer.parseInt(parts[2]));
            }
            if (parts.length == 4) {
                return new ForwardSpec(parts[0].isEmpty() ? null : parts[0], Integer.parseInt(parts[1]), parts[2],
                        Integer.parseInt(parts[3]));
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("Bad forwarding specification '" + spec + "'");
    }
}
