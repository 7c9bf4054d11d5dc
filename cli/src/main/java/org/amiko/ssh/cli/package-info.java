/**
 * The command-line tools: {@code bin/amiko} ({@link org.amiko.ssh.cli.Amiko}, an ssh-like client
 * with {@code -v} narration and the {@code --demo} walk-throughs) and {@code bin/amiko-server}
 * ({@link org.amiko.ssh.cli.AmikoServer}, the test server on a port). Their contracts are in the
 * project's CLI document; text a server sends is made safe for the terminal by {@link
 * org.amiko.ssh.cli.TerminalText} before it is printed.
 */
package org.amiko.ssh.cli;
