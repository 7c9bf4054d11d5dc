/**
 * The data types of RFC 4251 §5 (byte, boolean, uint32, uint64, string, mpint, name-list), read
 * from bounded views and written to growable buffers, and the byte values message fields use.
 */
package org.amiko.ssh.transport.wire;
