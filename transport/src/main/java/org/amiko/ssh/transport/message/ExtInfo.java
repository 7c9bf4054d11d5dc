package org.amiko.ssh.transport.message;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * RFC 8308 §2.3 SSH_MSG_EXT_INFO: extension names and their values (opaque strings), in order.
 */
public record ExtInfo(Map<String, Bytes> extensions) implements TransportMessage {

    public static final int ID = 7;
    /** RFC 8308 §3.1: the signature algorithms the server accepts in publickey authentication. */
    public static final String SERVER_SIG_ALGS = "server-sig-algs";
    /** RFC 8308 §2.4: bound on the extensions we read, against a hostile count. */
    private static final int MAX_EXTENSIONS = 64;

    public ExtInfo {
        extensions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    public static ExtInfo serverSigAlgs(List<String> algorithms) {
        return new ExtInfo(Map.of(SERVER_SIG_ALGS, Bytes.of(String.join(",", algorithms).getBytes(StandardCharsets.US_ASCII))));
    }

    /** The server-sig-algs value as a list, or empty when absent. */
    public List<String> serverSigAlgs() {
        Bytes v = extensions.get(SERVER_SIG_ALGS);
        if (v == null || v.length() == 0) {
            return List.of();
        }
        return List.of(new String(v.toByteArray(), StandardCharsets.US_ASCII).split(","));
    }

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeUint32(extensions.size());
        extensions.forEach((name, value) -> w.writeUtf8(name).writeString(value));
    }

    static ExtInfo decode(SshReader r) throws ProtocolException {
        long count = r.readUint32();
        if (count > MAX_EXTENSIONS) {
            throw new ProtocolException("EXT_INFO announces " + count + " extensions");
        }
        Map<String, Bytes> map = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            map.put(r.readUtf8(), r.readString());
        }
        return new ExtInfo(map);
    }
}
