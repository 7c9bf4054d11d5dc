package org.amiko.ssh.client.config;

/** ssh_config(5) StrictHostKeyChecking. */
public enum StrictHostKeyChecking {
    /** {@code yes} (or {@code true}): never add host keys; refuse unknown and changed hosts. */
    YES,
    /** {@code accept-new}: add keys of new hosts, refuse changed ones. */
    ACCEPT_NEW,
    /** {@code no} or {@code off} (or {@code false}): add new keys and connect to changed hosts, with restrictions. */
    NO,
    /** {@code ask}, the default: ask the user before adding a new key. */
    ASK
}
