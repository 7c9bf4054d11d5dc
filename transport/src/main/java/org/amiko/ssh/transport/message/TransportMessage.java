package org.amiko.ssh.transport.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * The generic transport-layer messages (RFC 4253 §11, §10, §7; RFC 8308 §2.3), numbers 1 to 29.
 * Each is a record with its number as {@code ID}, {@link #encode} writing the whole payload
 * (number included) and a static {@code decode(SshReader)} reading the fields after the number.
 * Key exchange messages (30 to 49) belong to their methods, in {@code kex}.
 */
public sealed interface TransportMessage
        permits Disconnect, Ignore, Unimplemented, Debug, ServiceRequest, ServiceAccept, ExtInfo, KexInit, NewKeys {

    /** Writes the payload: the message number, then the fields. */
    void encode(SshWriter w);

    default byte[] toPayload() {
        SshWriter w = new SshWriter();
        encode(w);
        return w.toByteArray();
    }

    /**
     * Decodes a payload whose first byte is one of this interface's numbers.
     *
     * @throws ProtocolException if the number is not a transport message, or the fields are malformed
     */
    static TransportMessage decode(byte[] payload, int off, int len) throws ProtocolException {
        SshReader r = new SshReader(payload, off, len);
        int id = r.readByte();
        TransportMessage m = switch (id) {
            case Disconnect.ID -> Disconnect.decode(r);
            case Ignore.ID -> Ignore.decode(r);
            case Unimplemented.ID -> Unimplemented.decode(r);
            case Debug.ID -> Debug.decode(r);
            case ServiceRequest.ID -> ServiceRequest.decode(r);
            case ServiceAccept.ID -> ServiceAccept.decode(r);
            case ExtInfo.ID -> ExtInfo.decode(r);
            case KexInit.ID -> KexInit.decode(r);
            case NewKeys.ID -> NewKeys.INSTANCE;
            default -> throw new ProtocolException("message " + id + " is not a transport message");
        };
        // RFC 4251 §9.1 leaves room for extensions; OpenSSH ignores trailing bytes only in DEBUG/IGNORE-like cases.
        if (!(m instanceof Ignore) && !(m instanceof Debug) && !(m instanceof Disconnect)) {
            r.ensureEnd();
        }
        return m;
    }

    static TransportMessage decode(byte[] payload) throws ProtocolException {
        return decode(payload, 0, payload.length);
    }
}
