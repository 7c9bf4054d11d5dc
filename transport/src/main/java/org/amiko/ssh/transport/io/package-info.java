/** Byte-stream helpers of the transport: the RFC 4253 §4.2 version exchange and an in-memory duplex for tests. */
package org.amiko.ssh.transport.io;
