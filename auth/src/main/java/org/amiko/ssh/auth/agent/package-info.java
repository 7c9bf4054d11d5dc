/** The ssh-agent protocol (draft-miller-ssh-agent): a client over SSH_AUTH_SOCK, and an in-memory agent for tests. */
package org.amiko.ssh.auth.agent;
