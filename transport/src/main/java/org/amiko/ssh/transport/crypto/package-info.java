/**
 * The ciphers and MACs of the binary packet protocol, each behind {@link
 * org.amiko.ssh.transport.crypto.PacketSealer} and {@link org.amiko.ssh.transport.crypto.PacketOpener}:
 * aes*-ctr (RFC 4344), aes*-gcm@openssh.com (RFC 5647, OpenSSH PROTOCOL §1.6),
 * chacha20-poly1305@openssh.com (OpenSSH PROTOCOL.chacha20poly1305, RFC 8439 primitives), and
 * hmac-sha1 / hmac-sha2-* (RFC 4253 §6.4, RFC 6668) with their -etm@openssh.com forms (PROTOCOL §1.5).
 */
package org.amiko.ssh.transport.crypto;
