/** SSH user authentication (RFC 4252; keyboard-interactive, RFC 4256): the client and server sides. */
package org.amiko.ssh.auth;
