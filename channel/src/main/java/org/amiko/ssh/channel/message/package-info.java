/**
 * The messages of the SSH connection protocol, one record each with its own codec: global
 * requests (RFC 4254 §4), channel open, data, window adjust, EOF, close and requests (§5).
 */
package org.amiko.ssh.channel.message;
