package org.amiko.ssh.transport.message;

import java.util.List;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * RFC 4253 §7.1 SSH_MSG_KEXINIT: a random cookie, then each side's algorithm lists in order of
 * preference, and whether a guessed key exchange packet follows.
 */
public record KexInit(Bytes cookie,
                      List<String> kexAlgorithms,
                      List<String> hostKeyAlgorithms,
                      List<String> ciphersClientToServer,
                      List<String> ciphersServerToClient,
                      List<String> macsClientToServer,
                      List<String> macsServerToClient,
                      List<String> compressionClientToServer,
                      List<String> compressionServerToClient,
                      List<String> languagesClientToServer,
                      List<String> languagesServerToClient,
                      boolean firstKexPacketFollows,
                      long reserved) implements TransportMessage {

    public static final int ID = 20;

    public KexInit {
        if (cookie.length() != 16) {
            throw new IllegalArgumentException("the cookie is 16 bytes");
        }
        kexAlgorithms = List.copyOf(kexAlgorithms);
        hostKeyAlgorithms = List.copyOf(hostKeyAlgorithms);
        ciphersClientToServer = List.copyOf(ciphersClientToServer);
        ciphersServerToClient = List.copyOf(ciphersServerToClient);
        macsClientToServer = List.copyOf(macsClientToServer);
        macsServerToClient = List.copyOf(macsServerToClient);
        compressionClientToServer = List.copyOf(compressionClientToServer);
        compressionServerToClient = List.copyOf(compressionServerToClient);
        languagesClientToServer = List.copyOf(languagesClientToServer);
        languagesServerToClient = List.copyOf(languagesServerToClient);
    }

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID);
        w.writeRaw(cookie.toByteArray());
        w.writeNameList(kexAlgorithms);
        w.writeNameList(hostKeyAlgorithms);
        w.writeNameList(ciphersClientToServer);
        w.writeNameList(ciphersServerToClient);
        w.writeNameList(macsClientToServer);
        w.writeNameList(macsServerToClient);
        w.writeNameList(compressionClientToServer);
        w.writeNameList(compressionServerToClient);
        w.writeNameList(languagesClientToServer);
        w.writeNameList(languagesServerToClient);
        w.writeBoolean(firstKexPacketFollows);
        w.writeUint32(reserved);
    }

    static KexInit decode(SshReader r) throws ProtocolException {
        return new KexInit(Bytes.of(r.readRaw(16)),
                r.readNameList(), r.readNameList(),
                r.readNameList(), r.readNameList(),
                r.readNameList(), r.readNameList(),
                r.readNameList(), r.readNameList(),
                r.readNameList(), r.readNameList(),
                r.readBoolean(), r.readUint32());
    }
}
