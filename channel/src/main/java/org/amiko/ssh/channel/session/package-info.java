/**
 * Session channels (RFC 4254 §6): the client's {@link org.amiko.ssh.channel.session.SessionChannel},
 * the server's {@link org.amiko.ssh.channel.session.ServerSession}, the session requests, terminal
 * modes (§8) and exit status (§6.10); OpenSSH's eow@openssh.com and keepalive@openssh.com.
 */
package org.amiko.ssh.channel.session;
