/**
 * SSH public keys and signatures, for host keys and (later) user keys: the key blobs of
 * RFC 4253 §6.6 ({@code ssh-rsa}), RFC 5656 §3.1 ({@code ecdsa-sha2-nistp256/384/521}) and
 * RFC 8709 §4 ({@code ssh-ed25519}); the signature blobs of RFC 4253 §6.6, RFC 5656 §3.1.2,
 * RFC 8332 ({@code rsa-sha2-256/512}) and RFC 8709 §6. The arithmetic is the JDK's JCA; this
 * package adds the wire formats and the checks the JCA leaves out (EC points on the curve,
 * ECDSA {@code r} and {@code s} in range, RSA modulus sizes).
 */
package org.amiko.ssh.transport.keys;
