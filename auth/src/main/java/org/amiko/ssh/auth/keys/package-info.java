/**
 * The keys users have: signers, private key files (OpenSSH PROTOCOL.key, PEM PKCS#1, SEC1, PKCS#8),
 * public key files and authorized_keys lines.
 */
package org.amiko.ssh.auth.keys;
