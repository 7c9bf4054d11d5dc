package org.amiko.ssh.transport.kex;

import java.util.List;
import org.amiko.ssh.transport.SshException;
import org.amiko.ssh.transport.wire.Bytes;

/**
 * One run of a key exchange method, both halves side by side: it turns the method's messages
 * (numbers 30 to 49) into replies and, at the end, a {@link Result}. It does no I/O; the
 * transport sends what it returns. One instance per key exchange, used by the reader thread.
 */
public interface KeyExchange {

    /** RFC 4250 §4.1.2: numbers 30 to 49 belong to the key exchange method. */
    int FIRST_METHOD_MESSAGE = 30;
    int LAST_METHOD_MESSAGE = 49;

    static boolean isMethodMessage(int id) {
        return id >= FIRST_METHOD_MESSAGE && id <= LAST_METHOD_MESSAGE;
    }

    /** The JCA name of the method's hash, used for H and for key derivation. */
    String digest();

    /** Client only: the messages that open the method, sent right after the KEXINITs. */
    List<byte[]> clientStart() throws SshException;

    /** The number of the peer's message the method waits for next (after {@link #clientStart} on a client). */
    int awaiting();

    /** The method's name for one of its message numbers, e.g. SSH_MSG_KEX_ECDH_REPLY for 31. */
    String name(int id);

    /** Handles the peer's next method message, which must be number {@link #awaiting()}. */
    Step receive(byte[] payload) throws SshException;

    /** What to send next, and the result once the method is done (null before). */
    record Step(List<byte[]> send, Result result) {
        public static Step reply(byte[]... messages) {
            return new Step(List.of(messages), null);
        }
    }

    /**
     * The method's outcome.
     *
     * @param encodedSecret K in its wire form (mpint, or string for the hybrid methods), for key derivation
     * @param exchangeHash H
     * @param hostKey K_S, the server's host key blob
     * @param signature the server's signature of H (the client verifies it; the server made it)
     */
    record Result(byte[] encodedSecret, byte[] exchangeHash, Bytes hostKey, Bytes signature) {
    }
}
