package org.amiko.ssh.auth.agent;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * The ssh-agent protocol (draft-miller-ssh-agent): message numbers, the frame, and one codec per
 * message, for both the client ({@link UnixSocketAgent}) and the agent ({@link InMemoryAgent}).
 *
 * <p>draft-miller-ssh-agent, "Protocol overview": every message travels as {@code uint32 length || payload}, the
 * payload starting with the message number. A length above {@link #MAX_MESSAGE} is refused before
 * anything is allocated.
 */
public final class AgentProtocol {

    // draft-miller-ssh-agent, "Message numbers": requests from the client.
    public static final int SSH_AGENTC_REQUEST_IDENTITIES = 11;
    public static final int SSH_AGENTC_SIGN_REQUEST = 13;
    public static final int SSH_AGENTC_ADD_IDENTITY = 17;
    public static final int SSH_AGENTC_REMOVE_IDENTITY = 18;
    public static final int SSH_AGENTC_REMOVE_ALL_IDENTITIES = 19;
    public static final int SSH_AGENTC_ADD_ID_CONSTRAINED = 25;
    public static final int SSH_AGENTC_EXTENSION = 27;

    // draft-miller-ssh-agent, "Message numbers": replies from the agent.
    public static final int SSH_AGENT_FAILURE = 5;
    public static final int SSH_AGENT_SUCCESS = 6;
    public static final int SSH_AGENT_IDENTITIES_ANSWER = 12;
    public static final int SSH_AGENT_SIGN_RESPONSE = 14;
    public static final int SSH_AGENT_EXTENSION_FAILURE = 28;
    /** Not in the draft: the legacy failure codes OpenSSH's client also accepts (ssh.com's, and SSH2_AGENT_FAILURE). */
    static final int SSH2_AGENT_FAILURE = 30;
    static final int SSH_COM_AGENT2_FAILURE = 102;

    // draft-miller-ssh-agent, "Signature flags" of SSH_AGENTC_SIGN_REQUEST (RFC 8332 §3.2).
    public static final int SSH_AGENT_RSA_SHA2_256 = 2;
    public static final int SSH_AGENT_RSA_SHA2_512 = 4;

    /** The largest message either side accepts: OpenSSH's AGENT_MAX_LEN (256 KiB). */
    public static final int MAX_MESSAGE = 256 * 1024;

    private AgentProtocol() {}

    /** The draft's name of a message number, for errors and traces. */
    public static String name(int number) {
        return switch (number) {
            case SSH_AGENTC_REQUEST_IDENTITIES -> "SSH_AGENTC_REQUEST_IDENTITIES";
            case SSH_AGENTC_SIGN_REQUEST -> "SSH_AGENTC_SIGN_REQUEST";
            case SSH_AGENTC_ADD_IDENTITY -> "SSH_AGENTC_ADD_IDENTITY";
            case SSH_AGENTC_REMOVE_IDENTITY -> "SSH_AGENTC_REMOVE_IDENTITY";
            case SSH_AGENTC_REMOVE_ALL_IDENTITIES -> "SSH_AGENTC_REMOVE_ALL_IDENTITIES";
            case SSH_AGENTC_ADD_ID_CONSTRAINED -> "SSH_AGENTC_ADD_ID_CONSTRAINED";
            case SSH_AGENTC_EXTENSION -> "SSH_AGENTC_EXTENSION";
            case SSH_AGENT_FAILURE -> "SSH_AGENT_FAILURE";
            case SSH_AGENT_SUCCESS -> "SSH_AGENT_SUCCESS";
            case SSH_AGENT_IDENTITIES_ANSWER -> "SSH_AGENT_IDENTITIES_ANSWER";
            case SSH_AGENT_SIGN_RESPONSE -> "SSH_AGENT_SIGN_RESPONSE";
            case SSH_AGENT_EXTENSION_FAILURE -> "SSH_AGENT_EXTENSION_FAILURE";
            case SSH2_AGENT_FAILURE -> "SSH2_AGENT_FAILURE";
            case SSH_COM_AGENT2_FAILURE -> "SSH_COM_AGENT2_FAILURE";
            default -> "message " + number;
        };
    }

    /** Whether a reply number means the agent refused (OpenSSH's client accepts all of these). */
    public static boolean isFailure(int number) {
        return number == SSH_AGENT_FAILURE || number == SSH_AGENT_EXTENSION_FAILURE
                || number == SSH2_AGENT_FAILURE || number == SSH_COM_AGENT2_FAILURE;
    }

    // ---- framing ---------------------------------------------------------------------------

    /** The frame of one payload: {@code uint32 length || payload}. */
    public static byte[] frame(byte[] payload) {
        if (payload.length == 0 || payload.length > MAX_MESSAGE) {
            throw new IllegalArgumentException("agent message of " + payload.length + " bytes");
        }
        return new SshWriter(4 + payload.length).writeString(payload).toByteArray();
    }

    /**
     * Checks a frame's length field before anything is allocated: at least one byte (the message
     * number), at most {@link #MAX_MESSAGE}.
     */
    public static int checkLength(long length) throws ProtocolException {
        if (length == 0) {
            throw new ProtocolException("empty agent message");
        }
        if (length > MAX_MESSAGE) {
            throw new ProtocolException("agent message length " + length + " exceeds the maximum " + MAX_MESSAGE);
        }
        return (int) length;
    }

    /**
     * Reads one frame from a blocking stream; null at a clean end of stream (between frames).
     * For the agent side, which may block; the client reads with a deadline instead.
     */
    public static byte[] readFrame(InputStream in) throws IOException {
        byte[] header = new byte[4];
        int first = in.readNBytes(header, 0, 4);
        if (first == 0) {
            return null;
        }
        if (first < 4) {
            throw new EOFException("agent stream ended inside a frame header");
        }
        long length = ((header[0] & 0xffL) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8) | (header[3] & 0xff);
        byte[] payload = new byte[checkLength(length)];
        if (in.readNBytes(payload, 0, payload.length) < payload.length) {
            throw new EOFException("agent stream ended inside a " + payload.length + "-byte message");
        }
        return payload;
    }

    /** Writes one frame and flushes. */
    public static void writeFrame(OutputStream out, byte[] payload) throws IOException {
        out.write(frame(payload));
        out.flush();
    }

    /** A reader over a payload, past its message number, strings bounded by {@link #MAX_MESSAGE}. */
    static SshReader body(byte[] payload) {
        return new SshReader(payload, 1, payload.length - 1, MAX_MESSAGE);
    }

    // ---- requests ---------------------------------------------------------------------------

    /** "Requesting a list of keys": SSH_AGENTC_REQUEST_IDENTITIES: the number alone. */
    public static byte[] requestIdentities() {
        return new byte[] {SSH_AGENTC_REQUEST_IDENTITIES};
    }

    /**
     * "Private key operations": SSH_AGENTC_SIGN_REQUEST.
     * <pre>
     * byte    SSH_AGENTC_SIGN_REQUEST
     * string  key blob
     * string  data
     * uint32  flags
     * </pre>
     */
    public static byte[] signRequest(SshPublicKey key, byte[] data, int flags) {
        return new SshWriter(key.blob().length() + data.length + 16)
                .writeByte(SSH_AGENTC_SIGN_REQUEST)
                .writeString(key.blob())
                .writeString(data)
                .writeUint32(flags)
                .toByteArray();
    }

    /** A decoded SIGN_REQUEST, as the agent sees it; the key blob is left raw for the lookup. */
    public record SignRequest(Bytes keyBlob, Bytes data, int flags) {}

    public static SignRequest decodeSignRequest(byte[] payload) throws ProtocolException {
        expect(payload, SSH_AGENTC_SIGN_REQUEST);
        SshReader r = body(payload);
        SignRequest request = new SignRequest(r.readString(), r.readString(), (int) r.readUint32());
        r.ensureEnd();
        return request;
    }

    /** The SIGN_REQUEST flags asking for {@code algorithm}: only the RSA SHA-2 ones have a flag (RFC 8332 §3.2). */
    public static int flags(SignatureAlgorithm algorithm) {
        return switch (algorithm) {
            case RSA_SHA2_256 -> SSH_AGENT_RSA_SHA2_256;
            case RSA_SHA2_512 -> SSH_AGENT_RSA_SHA2_512;
            default -> 0;
        };
    }

    /**
     * The algorithm an agent signs with for a key type and flags. As OpenSSH's agent: SHA-256
     * when its flag is set, else SHA-512 when its flag is, else {@code ssh-rsa}; other key types
     * ignore the flags.
     */
    public static SignatureAlgorithm algorithm(String keyType, int flags) {
        if (SshPublicKey.SSH_RSA.equals(keyType)) {
            if ((flags & SSH_AGENT_RSA_SHA2_256) != 0) {
                return SignatureAlgorithm.RSA_SHA2_256;
            }
            return (flags & SSH_AGENT_RSA_SHA2_512) != 0 ? SignatureAlgorithm.RSA_SHA2_512 : SignatureAlgorithm.SSH_RSA;
        }
        return SignatureAlgorithm.find(keyType)
                .orElseThrow(() -> new IllegalArgumentException("no signature algorithm for " + keyType));
    }

    /**
     * "Adding keys to the agent": SSH_AGENTC_ADD_IDENTITY: {@code byte 17, string key type, key contents, string
     * comment}; the contents as {@link AgentKeys} writes them. Holds the private key: the caller
     * wipes the array once sent.
     */
    public static byte[] addIdentity(KeyPair pair, String comment) {
        SshWriter w = new SshWriter(4096);
        w.writeByte(SSH_AGENTC_ADD_IDENTITY);
        AgentKeys.writePrivateKey(w, pair);
        w.writeUtf8(comment);
        byte[] out = w.toByteArray();
        java.util.Arrays.fill(w.array(), (byte) 0);
        return out;
    }

    /** A decoded ADD_IDENTITY: the key pair, checked to belong together, and its comment. */
    public record AddIdentity(KeyPair pair, String comment) {
        @Override
        public String toString() {
            return "AddIdentity[" + SshPublicKey.of(pair.getPublic()) + ", " + comment + "]";
        }
    }

    public static AddIdentity decodeAddIdentity(byte[] payload) throws ProtocolException {
        expect(payload, SSH_AGENTC_ADD_IDENTITY);
        SshReader r = body(payload);
        KeyPair pair = AgentKeys.readPrivateKey(r);
        String comment = r.readUtf8();
        r.ensureEnd();
        return new AddIdentity(pair, comment);
    }

    /** "Removing keys from the agent": SSH_AGENTC_REMOVE_IDENTITY: {@code byte 18, string key blob}. */
    public static byte[] removeIdentity(SshPublicKey key) {
        return new SshWriter(key.blob().length() + 8).writeByte(SSH_AGENTC_REMOVE_IDENTITY).writeString(key.blob()).toByteArray();
    }

    public static Bytes decodeRemoveIdentity(byte[] payload) throws ProtocolException {
        expect(payload, SSH_AGENTC_REMOVE_IDENTITY);
        SshReader r = body(payload);
        Bytes blob = r.readString();
        r.ensureEnd();
        return blob;
    }

    /** "Removing keys from the agent": SSH_AGENTC_REMOVE_ALL_IDENTITIES: the number alone. */
    public static byte[] removeAllIdentities() {
        return new byte[] {SSH_AGENTC_REMOVE_ALL_IDENTITIES};
    }

    // ---- replies ----------------------------------------------------------------------------

    /** "Generic server responses": SSH_AGENT_SUCCESS or SSH_AGENT_FAILURE: the number alone. */
    public static byte[] status(boolean success) {
        return new byte[] {(byte) (success ? SSH_AGENT_SUCCESS : SSH_AGENT_FAILURE)};
    }

    /**
     * "Requesting a list of keys": SSH_AGENT_IDENTITIES_ANSWER.
     * <pre>
     * byte    SSH_AGENT_IDENTITIES_ANSWER
     * uint32  nkeys
     * nkeys times:
     *   string  key blob
     *   string  comment
     * </pre>
     */
    public static byte[] identitiesAnswer(List<AgentIdentity> identities) {
        SshWriter w = new SshWriter(256).writeByte(SSH_AGENT_IDENTITIES_ANSWER).writeUint32(identities.size());
        for (AgentIdentity id : identities) {
            w.writeString(id.key().blob()).writeUtf8(id.comment());
        }
        return w.toByteArray();
    }

    /**
     * The identities in an answer. Keys amiko cannot use (other types, certificates, security
     * keys) are left out, as unusable; a malformed message is a {@link ProtocolException}.
     */
    public static List<AgentIdentity> decodeIdentitiesAnswer(byte[] payload) throws ProtocolException {
        expect(payload, SSH_AGENT_IDENTITIES_ANSWER);
        SshReader r = body(payload);
        long count = r.readUint32();
        // Each identity takes at least two length fields: refuse a count the message cannot hold.
        if (count > r.remaining() / 8) {
            throw new ProtocolException("identities answer claims " + count + " keys in " + r.remaining() + " bytes");
        }
        List<AgentIdentity> identities = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            Bytes blob = r.readString();
            String comment = r.readUtf8();
            try {
                identities.add(new AgentIdentity(SshPublicKey.decode(blob), comment));
            } catch (ProtocolException unusable) {
                // a key type amiko does not speak (ssh-dss, sk-*, *-cert-v01@openssh.com): skip it
            }
        }
        r.ensureEnd();
        return identities;
    }

    /** "Private key operations": SSH_AGENT_SIGN_RESPONSE: {@code byte 14, string signature}. */
    public static byte[] signResponse(Bytes signature) {
        return new SshWriter(signature.length() + 8).writeByte(SSH_AGENT_SIGN_RESPONSE).writeString(signature).toByteArray();
    }

    public static Bytes decodeSignResponse(byte[] payload) throws ProtocolException {
        expect(payload, SSH_AGENT_SIGN_RESPONSE);
        SshReader r = body(payload);
        Bytes signature = r.readString();
        r.ensureEnd();
        return signature;
    }

    /** Fails unless the payload starts with {@code number}. */
    private static void expect(byte[] payload, int number) throws ProtocolException {
        if (payload.length == 0 || (payload[0] & 0xff) != number) {
            throw new ProtocolException("expected " + name(number) + ", got "
                    + (payload.length == 0 ? "an empty message" : name(payload[0] & 0xff)));
        }
    }

    /** Peer-supplied text for an error message: at most 64 characters, control characters dropped. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(64).filter(c -> c >= 0x20 && c != 0x7f).forEach(sb::appendCodePoint);
        return sb.toString();
    }
}
