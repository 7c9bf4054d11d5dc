/**
 * Real SSH peers for tests: OpenSSH's {@code sshd} ({@link org.amiko.ssh.transport.testing.OpenSshd}),
 * dropbear ({@link org.amiko.ssh.transport.testing.Dropbear}) and {@code ssh-keygen}
 * ({@link org.amiko.ssh.transport.testing.SshKeygen}), each started on 127.0.0.1 with keys and a
 * configuration generated in its own temp dir, and stopped by its own PID.
 *
 * <p>Shipped in transport's test-jar so that auth, channel and client test against the same peers.
 * A missing peer fails the test with the Debian package to install ({@link
 * org.amiko.ssh.transport.testing.Peers}); it never skips. Every blocking call takes a timeout, and
 * a failure carries what the peer said (its stderr or its log).
 */
package org.amiko.ssh.transport.testing;
