package org.amiko.ssh.auth.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * RFC 4252 §5 SSH_MSG_USERAUTH_REQUEST: user name, service name, method name, then the
 * method's own fields ({@link Method}).
 */
public record UserAuthRequest(String user, String service, Method method) implements UserAuthMessage {

    public static final int ID = 50;

    /** The method-specific part of a request. */
    public sealed interface Method {
        String name();

        void encode(SshWriter w);
    }

    /** RFC 4252 §5.2: "none", to learn which methods can continue. */
    public record None() implements Method {
        public String name() {
            return "none";
        }

        public void encode(SshWriter w) {
        }
    }

    /**
     * RFC 4252 §7: boolean has-signature, string algorithm, string public key blob, and the
     * signature when present (null without: a query whether the key is acceptable).
     */
    public record PublicKey(String algorithm, Bytes keyBlob, Bytes signature) implements Method {
        public String name() {
            return "publickey";
        }

        public void encode(SshWriter w) {
            w.writeBoolean(signature != null).writeUtf8(algorithm).writeString(keyBlob);
            if (signature != null) {
                w.writeString(signature);
            }
        }
    }

    /** RFC 4252 §8: the password, and a new one when answering a change request (null otherwise). */
    public record Password(String password, String newPassword) implements Method {
        public String name() {
            return "password";
        }

        public void encode(SshWriter w) {
            w.writeBoolean(newPassword != null).writeUtf8(password);
            if (newPassword != null) {
                w.writeUtf8(newPassword);
            }
        }

        @Override
        public String toString() {
            return "Password[redacted]";
        }
    }

    /** RFC 4256 §3.1: language tag (deprecated, empty) and submethods. */
    public record KeyboardInteractive(String language, String submethods) implements Method {
        public String name() {
            return "keyboard-interactive";
        }

        public void encode(SshWriter w) {
            w.writeUtf8(language).writeUtf8(submethods);
        }
    }

    /** A method we do not implement: its name and raw fields, kept so a server can refuse it. */
    public record Other(String name, Bytes fields) implements Method {
        public void encode(SshWriter w) {
            w.writeRaw(fields.toByteArray());
        }
    }

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeUtf8(user).writeUtf8(service).writeUtf8(method.name());
        method.encode(w);
    }

    /**
     * RFC 4252 §7: what the client signs, {@code string session_id} followed by the request
     * itself with has-signature TRUE and without the signature.
     */
    public static byte[] publicKeySignedData(byte[] sessionId, String user, String service, String algorithm, Bytes keyBlob) {
        return new SshWriter().writeString(sessionId).writeByte(ID).writeUtf8(user).writeUtf8(service)
                .writeUtf8("publickey").writeBoolean(true).writeUtf8(algorithm).writeString(keyBlob).toByteArray();
    }

    static UserAuthRequest decode(SshReader r) throws ProtocolException {
        String user = r.readUtf8();
        String service = r.readUtf8();
        String name = r.readUtf8();
        Method method = switch (name) {
            case "none" -> new None();
            case "publickey" -> {
                boolean signed = r.readBoolean();
                String algorithm = r.readUtf8();
                Bytes blob = r.readString();
                yield new PublicKey(algorithm, blob, signed ? r.readString() : null);
            }
            case "password" -> {
                boolean change = r.readBoolean();
                String password = r.readUtf8();
                yield new Password(password, change ? r.readUtf8() : null);
            }
            case "keyboard-interactive" -> new KeyboardInteractive(r.readUtf8(), r.readUtf8());
            default -> new Other(name, Bytes.of(r.readRaw(r.remaining())));
        };
        return new UserAuthRequest(user, service, method);
    }
}
