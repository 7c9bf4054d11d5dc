package org.amiko.ssh.transport.kex;

import org.amiko.ssh.transport.NegotiatedAlgorithms;
import org.amiko.ssh.transport.message.Debug;
import org.amiko.ssh.transport.message.Disconnect;
import org.amiko.ssh.transport.message.ExtInfo;
import org.amiko.ssh.transport.message.Ignore;
import org.amiko.ssh.transport.message.KexInit;
import org.amiko.ssh.transport.message.NewKeys;
import org.amiko.ssh.transport.message.ServiceAccept;
import org.amiko.ssh.transport.message.ServiceRequest;
import org.amiko.ssh.transport.message.Unimplemented;
import org.amiko.ssh.transport.packet.DirectionKeys;

/**
 * Where a key exchange (RFC 4253 §7) stands, each state named for the one key exchange message
 * it waits for from the peer. {@link #disposition} is the whole rule book: what any message
 * number 1-255 means in a state, so that a message the exchange is not waiting for (a replayed
 * ECDH_INIT after the method finished, a KEXINIT in the middle of an exchange, a service request
 * inside the peer's re-key) can only be refused. I/O-free; the transport's handshake moves from
 * state to state and does the sending.
 */
public sealed interface KexState {

    /** The peer's message this state waits for, e.g. "the peer's KEXINIT". */
    String awaiting();

    /** Whether this state takes message {@code id} as the next step of the exchange. */
    boolean expects(int id);

    /** Whether the peer has sent KEXINIT and not yet NEWKEYS: it may send nothing but kex and generic messages. */
    default boolean peerInKex() {
        return false;
    }

    /** Whether we have sent KEXINIT and not yet NEWKEYS: nothing but kex and generic messages may go out (§7.1). */
    default boolean holdsOutgoing() {
        return false;
    }

    /** No exchange in flight; a KEXINIT from the peer starts one (a re-exchange, RFC 4253 §9). */
    record Idle() implements KexState {
        public String awaiting() {
            return "no key exchange message (none is in progress), or a KEXINIT to start one";
        }

        public boolean expects(int id) {
            return id == KexInit.ID;
        }
    }

    /**
     * We sent KEXINIT; the peer's is next, though until the peer has seen ours it may still send
     * anything else.
     *
     * @param ourKexInit the exact payload we sent (I_C or I_S in the exchange hash)
     * @param ourKexInitSequence its sequence number, to recognize an UNIMPLEMENTED answer to it
     */
    record AwaitingKexInit(byte[] ourKexInit, long ourKexInitSequence) implements KexState {
        public String awaiting() {
            return "the peer's KEXINIT";
        }

        public boolean expects(int id) {
            return id == KexInit.ID;
        }

        @Override
        public boolean holdsOutgoing() {
            return true;
        }
    }

    /**
     * Both KEXINITs are through and the method runs; it waits for {@code method.awaiting()}.
     * When {@code skipGuess} is set, the peer's guessed first kex packet was guessed wrong and
     * its next method message, whatever its number, is dropped (RFC 4253 §7).
     */
    record AwaitingMethodMessage(Exchange exchange, KeyExchange method, boolean skipGuess) implements KexState {
        public String awaiting() {
            return skipGuess ? "the peer's wrongly guessed key exchange packet, to drop it"
                    : "the peer's " + method.name(method.awaiting());
        }

        public boolean expects(int id) {
            return skipGuess ? KeyExchange.isMethodMessage(id) : id == method.awaiting();
        }

        @Override
        public boolean peerInKex() {
            return true;
        }

        @Override
        public boolean holdsOutgoing() {
            return true;
        }
    }

    /**
     * The method finished and our NEWKEYS is out; only the peer's NEWKEYS may follow (§7.3).
     *
     * @param incoming the keys for what the peer sends after its NEWKEYS
     */
    record AwaitingNewKeys(Exchange exchange, DirectionKeys incoming) implements KexState {
        public String awaiting() {
            return "the peer's NEWKEYS";
        }

        public boolean expects(int id) {
            return id == NewKeys.ID;
        }

        @Override
        public boolean peerInKex() {
            return true;
        }
    }

    /**
     * What one exchange has settled once both KEXINITs are through.
     *
     * @param ourKexInit and {@code peerKexInit}: the exact payloads, for the exchange hash
     */
    record Exchange(byte[] ourKexInit, byte[] peerKexInit, NegotiatedAlgorithms negotiated) {
    }

    /** What a received message is in a state: the next step, a generic message, traffic for the layers above, or an error. */
    enum Disposition {
        /** The message this state waits for: hand it to the exchange. */
        STEP,
        /** DISCONNECT, IGNORE, DEBUG or UNIMPLEMENTED (RFC 4253 §11), allowed in every state but the strict initial exchange. */
        GENERIC,
        /** RFC 8308 EXT_INFO, after the first NEWKEYS and outside the peer's exchange. */
        EXT_INFO,
        /** A message of the layers above (a service request, numbers 50 and up): queue it for them. */
        UPPER,
        /** A number the transport does not know (8-19, 22-29): answer UNIMPLEMENTED (§11.4). */
        UNKNOWN,
        /** Not allowed here: a protocol error. */
        REFUSE
    }

    /**
     * What message {@code id} from the peer means in {@code state}.
     *
     * @param initialDone whether the first exchange has completed (both NEWKEYS through)
     * @param strict whether strict kex was negotiated (OpenSSH PROTOCOL §1.10); it matters only during the first exchange
     */
    static Disposition disposition(KexState state, int id, boolean initialDone, boolean strict) {
        boolean strictInitial = strict && !initialDone;
        if (id == Disconnect.ID) {
            return Disposition.GENERIC; // the peer is leaving: say why, whatever the state
        }
        if (KeyExchange.isMethodMessage(id) || id == KexInit.ID || id == NewKeys.ID) {
            return state.expects(id) ? Disposition.STEP : Disposition.REFUSE;
        }
        if (strictInitial) {
            return Disposition.REFUSE; // OpenSSH PROTOCOL §1.10: only kex messages until the first NEWKEYS
        }
        if (id == Ignore.ID || id == Unimplemented.ID || id == Debug.ID) {
            return Disposition.GENERIC;
        }
        boolean upper = id == ServiceRequest.ID || id == ServiceAccept.ID || id >= 50;
        if (upper || id == ExtInfo.ID) {
            if (!initialDone || state.peerInKex()) {
                return Disposition.REFUSE; // §7.1: nothing else between the peer's KEXINIT and its NEWKEYS
            }
            return upper ? Disposition.UPPER : Disposition.EXT_INFO;
        }
        return Disposition.UNKNOWN;
    }
}
