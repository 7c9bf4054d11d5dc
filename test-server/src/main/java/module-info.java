/**
 * amiko's embeddable SSH server for tests: the server role of transport, auth and channel behind
 * a builder, with commands run by {@code /bin/sh -c} or scripted, conformance knobs and faults,
 * and a JUnit 5 extension.
 */
module org.amiko.ssh.testserver {
    requires transitive org.amiko.ssh.channel;
    requires static org.junit.jupiter.api;

    exports org.amiko.ssh.testserver;
    exports org.amiko.ssh.testserver.junit;
}
