package org.amiko.ssh.transport.wire;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.amiko.ssh.transport.ProtocolException;

/** The RFC 4251 §5 reader on any bytes, read as any sequence of field types: a ProtocolException or values, nothing else. */
class WireFuzzTest {

    @FuzzTest
    void reader(FuzzedDataProvider data) {
        byte[] ops = data.consumeBytes(24);
        SshReader r = new SshReader(data.consumeRemainingAsBytes());
        try {
            for (byte op : ops) {
                switch (op & 7) {
                    case 0 -> r.readByte();
                    case 1 -> r.readBoolean();
                    case 2 -> r.readUint32();
                    case 3 -> r.readUint64();
                    case 4 -> r.readString();
                    case 5 -> r.readMpint();
                    case 6 -> r.readNameList();
                    default -> r.readUtf8();
                }
            }
            r.ensureEnd();
        } catch (ProtocolException expected) {
            // the one way bad input may end
        }
    }
}
