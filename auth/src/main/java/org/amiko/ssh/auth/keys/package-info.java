/**
 * The keys users have: signers, private key files, public key files and authorized_keys lines.
 *
 * <p>Private key files ({@link org.amiko.ssh.auth.keys.PrivateKeyFiles}): OpenSSH PROTOCOL.key
 * (openssh-key-v1, encrypted with OpenBSD's bcrypt_pbkdf), PEM PKCS#1 (RFC 8017 §A.1.2), SEC1
 * (RFC 5915), PKCS#8 (RFC 5208, RFC 5958) plain and PBES2-encrypted (RFC 8018), and OpenSSL's
 * legacy DEK-Info encryption (RFC 1421 §4.6); Ed25519 (RFC 8032, RFC 8410), ECDSA on the NIST
 * curves (RFC 5656) and RSA. Public keys: the one-line form of {@code .pub} files and
 * authorized_keys lines with their options (sshd(8) "AUTHORIZED_KEYS FILE FORMAT").
 */
package org.amiko.ssh.auth.keys;
