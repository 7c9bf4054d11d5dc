package org.amiko.ssh.testserver;

/**
 * A broken server, for testing how a client copes: each fault strikes the first time the server
 * is about to send a message with the given number (RFC 4250 §4.1: 20 KEXINIT, 31 the key
 * exchange reply, 21 NEWKEYS, 6 SERVICE_ACCEPT, 52 USERAUTH_SUCCESS, 91 CHANNEL_OPEN_CONFIRMATION,
 * 94 CHANNEL_DATA, 98 CHANNEL_REQUEST, 99 CHANNEL_SUCCESS). A client should end each with a clear,
 * typed error, never a hang.
 */
public sealed interface Fault {

    int KEXINIT = 20;
    int NEWKEYS = 21;
    int KEX_REPLY = 31;
    int SERVICE_ACCEPT = 6;
    int USERAUTH_SUCCESS = 52;
    int CHANNEL_OPEN_CONFIRMATION = 91;
    int CHANNEL_DATA = 94;
    int CHANNEL_SUCCESS = 99;

    /** The message number at which the fault strikes. */
    int messageNumber();

    /** Sends DISCONNECT (BY_APPLICATION) instead of the message, then closes the connection. */
    record DisconnectAt(int messageNumber) implements Fault {
    }

    /** Flips a bit of the packet's MAC (or AEAD tag): the client must reject it as a MAC error. */
    record CorruptMacAt(int messageNumber) implements Fault {
    }

    /** Sends the message malformed: cut to half its length, or with a junk byte added if it has none to cut. */
    record MalformedAt(int messageNumber) implements Fault {
    }

    /** Never sends the message, nor anything after it: the server goes silent with the connection open. */
    record StallAt(int messageNumber) implements Fault {
    }
}
