/**
 * Key exchange (RFC 4253 §7, §8; RFC 8731, RFC 5656, RFC 4419, RFC 8268, RFC 9142): algorithm
 * negotiation from two KEXINITs ({@link org.amiko.ssh.transport.kex.AlgorithmNegotiation}), one
 * class per method shape ({@link org.amiko.ssh.transport.kex.EcdhShapedKex} with its X25519, NIST
 * ECDH and hybrid-KEM agreements, {@link org.amiko.ssh.transport.kex.DhGroupKex}, {@link
 * org.amiko.ssh.transport.kex.DhGroupExchangeKex}), the exchange hash and the key derivation
 * (§7.2), and {@link org.amiko.ssh.transport.kex.KexState}, the state machine that says what every
 * message number means at each step. Everything here is I/O-free and called by one thread at a
 * time: the transport's handshake sends and receives, these classes compute.
 */
package org.amiko.ssh.transport.kex;
