/**
 * The SSH2 transport layer (RFC 4253): the public API and the error family.
 *
 * <p>Subpackages: {@code wire} (RFC 4251 §5 data types), {@code crypto} (ciphers and MACs of
 * the binary packet protocol), {@code packet} (RFC 4253 §6 framing, sequence numbers,
 * compression).
 */
package org.amiko.ssh.transport;
