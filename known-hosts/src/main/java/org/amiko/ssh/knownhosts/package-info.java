/**
 * OpenSSH's known_hosts files, read, matched and written the way OpenSSH does.
 *
 * <p>Sources of the rules: sshd(8), section "SSH_KNOWN_HOSTS FILE FORMAT" (line layout, markers,
 * host patterns, hashed names); ssh_config(5) ({@code UserKnownHostsFile}, {@code
 * GlobalKnownHostsFile}, {@code HashKnownHosts}, {@code CheckHostIP}); ssh-keygen(1) ({@code -F},
 * {@code -R}, {@code -H}, {@code -l -E}); OpenSSH's PROTOCOL.certkeys (host certificates); and, where
 * the manuals are silent, the behaviour of OpenSSH 9.2's hostfile.c, match.c and sshconnect.c,
 * checked against the real {@code ssh-keygen} and {@code ssh} by this module's tests.
 *
 * <ul>
 *   <li>{@link org.amiko.ssh.knownhosts.KnownHosts}: user and global files loaded together;
 *       {@code lookup} answers with a sealed {@link org.amiko.ssh.knownhosts.LookupResult}.
 *   <li>{@link org.amiko.ssh.knownhosts.KnownHostsFile}: one file as its lines, written back byte for byte.
 *   <li>{@link org.amiko.ssh.knownhosts.KnownHostsEditor}: add and remove entries, atomically and under a file lock.
 *   <li>{@link org.amiko.ssh.knownhosts.Fingerprint}: {@code SHA256:} and {@code MD5:} fingerprints as ssh-keygen prints them.
 * </ul>
 *
 * <p>Bad input never fails a whole file: a malformed line is reported with its file and line number
 * and kept as it is; lines are bounded ({@link org.amiko.ssh.knownhosts.KnownHostsLine#MAX_LINE_LENGTH}).
 */
package org.amiko.ssh.knownhosts;
