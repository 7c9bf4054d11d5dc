/**
 * TCP/IP port forwarding (RFC 4254 §7): local forwarding through {@code direct-tcpip}, remote
 * forwarding with {@code tcpip-forward} and {@code forwarded-tcpip}, and the server side of
 * {@code direct-tcpip}.
 */
package org.amiko.ssh.channel.forward;
