/**
 * The high-level SSH client: what paramiko's SSHClient is to Python, secure by default.
 *
 * <pre>{@code
 * SshClient client = SshClient.builder()
 *         .loadSystemHostKeys()                      // ~/.ssh/known_hosts and /etc/ssh/ssh_known_hosts
 *         .hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW)   // trust on first use; the default REJECT refuses unknown hosts
 *         .build();
 * try (SshConnection c = client.connect("example.com", 22)) {
 *     c.exec("ls").lines().forEach(System.out::println);
 *     CommandResult r = c.run("uname -a", Duration.ofSeconds(30));
 *     System.out.println(r.stdoutText() + " " + r.status());
 * }
 * }</pre>
 */
package org.amiko.ssh.client;
