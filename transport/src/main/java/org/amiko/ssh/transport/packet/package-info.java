/**
 * The binary packet protocol of RFC 4253 §6: framing and padding, sequence numbers (§6.4),
 * compression (§6.2 and OpenSSH's zlib@openssh.com), and the installation of new keys at NEWKEYS
 * (§7.3).
 */
package org.amiko.ssh.transport.packet;
