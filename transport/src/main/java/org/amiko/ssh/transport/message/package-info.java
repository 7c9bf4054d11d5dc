/**
 * The transport layer's own messages (RFC 4253 §7, §10, §11; RFC 8308), one record per message,
 * each with one codec.
 */
package org.amiko.ssh.transport.message;
