/**
 * The SSH connection protocol (RFC 4254) over an authenticated transport, in either role:
 * {@link org.amiko.ssh.channel.Connection} multiplexes channels (§5) with per-channel flow control
 * ({@code LocalWindow}, {@code RemoteWindow}, §5.2) and answers global requests (§4);
 * {@link org.amiko.ssh.channel.Channel} is one channel's life, its streams and its requests.
 */
package org.amiko.ssh.channel;
