/**
 * amiko's SSH2 transport layer: wire encoding (RFC 4251 §5), the binary packet protocol
 * (RFC 4253 §6) with its ciphers, MACs and compression, SSH public keys and signatures.
 */
module org.amiko.ssh.transport {
    requires org.bouncycastle.provider;

    exports org.amiko.ssh.transport;
    exports org.amiko.ssh.transport.wire;
    exports org.amiko.ssh.transport.crypto;
    exports org.amiko.ssh.transport.packet;
    exports org.amiko.ssh.transport.message;
    exports org.amiko.ssh.transport.kex;
    exports org.amiko.ssh.transport.io;
    exports org.amiko.ssh.transport.keys;
    exports org.amiko.ssh.transport.seam to org.amiko.ssh.testserver;
}
