package org.amiko.ssh.knownhosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trust on first use decides under the file's lock: a key another writer recorded meanwhile is
 * found there, and a second, different key for the same host and type is never appended.
 */
class AddIfUnknownTest {

    @TempDir
    Path dir;

    private static byte[] ed25519(int fill) {
        byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + type.length + 4 + 32);
        b.putInt(type.length).put(type).putInt(32);
        for (int i = 0; i < 32; i++) {
            b.put((byte) (fill + i));
        }
        return b.array();
    }

    @Test
    void addsOnceFindsTheSameKeyAndRefusesAnother() throws Exception {
        Path file = dir.resolve("known_hosts");
        KnownHostsEditor editor = KnownHostsEditor.of(file);
        assertInstanceOf(KnownHostsEditor.AddResult.Added.class, editor.addIfUnknown("host", 2222, "ssh-ed25519", ed25519(1), false, ""));
        assertInstanceOf(KnownHostsEditor.AddResult.AlreadyKnown.class,
                editor.addIfUnknown("host", 2222, "ssh-ed25519", ed25519(1), true, ""));
        KnownHostsEditor.AddResult other = editor.addIfUnknown("HOST", 2222, "ssh-ed25519", ed25519(2), false, "");
        assertInstanceOf(KnownHostsEditor.AddResult.Conflict.class, other);
        assertEquals(1, ((KnownHostsEditor.AddResult.Conflict) other).keys().size());
        assertEquals(1, Files.readAllLines(file).size(), "nothing appended but the first key");
        assertInstanceOf(KnownHostsEditor.AddResult.Added.class, editor.addIfUnknown("host", 22, "ssh-ed25519", ed25519(2), false, ""),
                "another port is another name");
    }

    @Test
    void aRevokedKeyIsNeverRecorded() throws Exception {
        Path file = dir.resolve("known_hosts");
        Files.writeString(file, "@revoked * ssh-ed25519 " + Base64.getEncoder().encodeToString(ed25519(5)) + "\nother ssh-ed25519 "
                + Base64.getEncoder().encodeToString(ed25519(6)));
        KnownHostsEditor editor = KnownHostsEditor.of(file);
        assertInstanceOf(KnownHostsEditor.AddResult.Conflict.class, editor.addIfUnknown("host", 22, "ssh-ed25519", ed25519(5), false, ""));
        assertInstanceOf(KnownHostsEditor.AddResult.Added.class, editor.addIfUnknown("host", 22, "ssh-ed25519", ed25519(7), false, ""));
        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size(), "the unterminated last line got its newline first: " + lines);
        assertEquals("host ssh-ed25519 " + Base64.getEncoder().encodeToString(ed25519(7)), lines.get(2));
    }
}
