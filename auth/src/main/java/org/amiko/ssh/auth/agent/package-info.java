/**
 * The ssh-agent protocol (draft-miller-ssh-agent): {@link org.amiko.ssh.auth.agent.UnixSocketAgent}
 * talks to a running agent over the Unix-domain socket named by {@code SSH_AUTH_SOCK} (list,
 * sign with the RSA SHA-2 flags of RFC 8332, add, remove); {@link org.amiko.ssh.auth.agent.AgentSigner}
 * lets publickey authentication sign with an agent's key, which never enters this process; and
 * {@link org.amiko.ssh.auth.agent.InMemoryAgent} is an agent in memory that also serves the
 * protocol, so the client, {@code ssh-add} and {@code ssh} can be tested against it.
 * {@link org.amiko.ssh.auth.agent.AgentProtocol} holds the message numbers, the frame and the codecs.
 */
package org.amiko.ssh.auth.agent;
