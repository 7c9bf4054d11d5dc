package org.amiko.ssh.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.crypto.Ciphers;
import org.amiko.ssh.transport.crypto.Macs;
import org.amiko.ssh.transport.packet.ByteView;
import org.amiko.ssh.transport.packet.Compression;
import org.amiko.ssh.transport.packet.DirectionKeys;
import org.amiko.ssh.transport.packet.PacketDecoder;
import org.amiko.ssh.transport.packet.PacketEncoder;
import org.amiko.ssh.transport.wire.SecretBytes;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * The packet layer, shown: for each cipher and MAC, one side encodes a few SSH messages into
 * RFC 4253 §6 binary packets, the other decodes them, and a flipped bit is caught. Keys are
 * random here; key exchange will supply real ones.
 */
public final class PacketDemo {

    private PacketDemo() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        SecureRandom random = new SecureRandom();
        List<byte[]> messages = sampleMessages(random);

        out.println("amiko packet layer demo: RFC 4253 section 6 binary packets");
        out.println();
        out.println("Before key exchange the cipher is 'none'. An SSH_MSG_IGNORE (2) carrying \"hello\" is framed as:");
        PacketEncoder clear = new PacketEncoder(64 * 1024, random);
        byte[] ignore = new SshWriter().writeByte(2).writeUtf8("hello").toByteArray();
        byte[] wire = clear.encode(ignore).toBytes().toByteArray();
        explainClearPacket(out, wire);
        out.println();

        out.printf("Each row: %d messages (%s bytes of payload) sealed, decoded, compared; then one bit flipped.%n",
                messages.size(), messages.stream().map(m -> Integer.toString(m.length)).toList());
        out.printf("%-30s %-30s %-17s %9s %10s  %s%n", "cipher", "mac", "compression", "wire", "vs payload", "result");
        int failures = 0;
        for (String cipher : Ciphers.defaultNames()) {
            boolean aead = Ciphers.find(cipher).orElseThrow().aead();
            List<String> macs = aead ? List.of("(implied)") : Macs.supportedNames();
            for (String mac : macs) {
                for (String compression : List.of(Compression.NONE, Compression.ZLIB)) {
                    failures += runOne(out, random, messages, cipher, aead ? Macs.NONE : mac, mac, compression) ? 0 : 1;
                }
            }
        }
        out.println();
        out.println(failures == 0 ? "Every combination round-tripped and rejected the tampered packet."
                : failures + " combination(s) FAILED.");
        if (failures != 0) {
            System.exit(1);
        }
    }

    private static List<byte[]> sampleMessages(SecureRandom random) {
        List<byte[]> out = new ArrayList<>();
        out.add(new SshWriter().writeByte(5).writeUtf8("ssh-userauth").toByteArray()); // SERVICE_REQUEST
        out.add(new SshWriter().writeByte(2).writeUtf8("keepalive").toByteArray());    // IGNORE
        byte[] data = new byte[32 * 1024];
        byte[] text = "The quick brown fox jumps over the lazy dog. ".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < data.length; i++) {
            data[i] = text[i % text.length];
        }
        SshWriter channelData = new SshWriter(data.length + 16).writeByte(94).writeUint32(0).writeString(data);
        out.add(channelData.toByteArray());                                           // CHANNEL_DATA, 32 KiB
        return out;
    }

    private static void explainClearPacket(PrintStream out, byte[] wire) {
        HexFormat hex = HexFormat.of();
        int packetLength = ((wire[0] & 0xff) << 24) | ((wire[1] & 0xff) << 16) | ((wire[2] & 0xff) << 8) | (wire[3] & 0xff);
        int padding = wire[4] & 0xff;
        int payload = packetLength - padding - 1;
        out.printf("  %s  uint32 packet_length = %d%n", hex.formatHex(wire, 0, 4), packetLength);
        out.printf("  %s        byte   padding_length = %d%n", hex.formatHex(wire, 4, 5), padding);
        out.printf("  %s  payload (%d bytes: message 2, string \"hello\")%n", hex.formatHex(wire, 5, 5 + payload), payload);
        out.printf("  %s  random padding, so that 4 + %d is a multiple of 8%n",
                hex.formatHex(wire, 5 + payload, wire.length), packetLength);
    }

    private static boolean runOne(PrintStream out, SecureRandom random, List<byte[]> messages,
                                  String cipher, String mac, String macLabel, String compression) {
        DirectionKeys keys = new DirectionKeys(cipher, mac, compression,
                secret(random, 64), secret(random, 16), secret(random, 64));
        PacketEncoder encoder = new PacketEncoder(64 * 1024, random);
        PacketDecoder decoder = new PacketDecoder();
        encoder.install(keys);
        decoder.install(keys);

        int payloadBytes = 0;
        SshWriter stream = new SshWriter();
        for (byte[] m : messages) {
            ByteView packet = encoder.encode(m);
            stream.writeRaw(packet.array(), packet.offset(), packet.length());
            payloadBytes += m.length;
        }
        byte[] wire = stream.toByteArray();
        String result;
        boolean ok;
        try {
            decoder.feed(wire);
            ok = true;
            for (byte[] m : messages) {
                ByteView v = decoder.next();
                ok &= v != null && Arrays.equals(m, v.toBytes().toByteArray());
            }
            ok &= decoder.sequenceNumber() == messages.size() && encoder.sequenceNumber() == messages.size();
            result = ok ? "round trip ok" : "MISMATCH";
        } catch (ProtocolException e) {
            ok = false;
            result = "FAILED: " + e.getMessage();
        }
        if (ok) {
            ok = tamperedPacketIsRejected(keys, messages.get(0));
            result += ok ? ", flipped bit rejected" : ", FLIPPED BIT ACCEPTED";
        }
        out.printf("%-30s %-30s %-17s %9d %+9.1f%%  %s%n", cipher, macLabel, compression, wire.length,
                100.0 * (wire.length - payloadBytes) / payloadBytes, result);
        return ok;
    }

    private static boolean tamperedPacketIsRejected(DirectionKeys keys, byte[] message) {
        PacketEncoder sender = new PacketEncoder(64 * 1024, new SecureRandom());
        PacketDecoder receiver = new PacketDecoder();
        sender.install(keys);
        receiver.install(keys);
        byte[] wire = sender.encode(message).toBytes().toByteArray();
        wire[wire.length / 2] ^= 0x10;
        receiver.feed(wire);
        try {
            return receiver.next() == null && receiver.buffered() > 0;
        } catch (ProtocolException expected) {
            return true;
        }
    }

    private static SecretBytes secret(SecureRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return SecretBytes.copyOf(b);
    }
}
