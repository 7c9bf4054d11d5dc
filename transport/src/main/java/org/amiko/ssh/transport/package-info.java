/**
 * The SSH2 transport layer (RFC 4253): the public API and the error family.
 *
 * <p>Subpackages: {@code wire} (RFC 4251 §5 data types), {@code crypto} (ciphers and MACs of
 * the binary packet protocol), {@code packet} (RFC 4253 §6 framing, sequence numbers,
 * compression), {@code keys} (public keys and signatures: RFC 4253 §6.6, RFC 5656, RFC 8332,
 * RFC 8709).
 */
package org.amiko.ssh.transport;
