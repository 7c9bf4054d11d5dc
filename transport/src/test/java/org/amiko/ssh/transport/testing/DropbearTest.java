package org.amiko.ssh.transport.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dropbear fixture against the real dropbear. */
class DropbearTest {

    private static final int READ_TIMEOUT_MILLIS = 10_000;

    @Test
    void speaksSsh2AndStopsOnClose() throws IOException {
        try (Socket socket = new Socket()) {
            long pid;
            Path dir;
            List<Long> children;
            try (Dropbear dropbear = Dropbear.builder().hostKeys(KeyType.ED25519).start()) {
                pid = dropbear.pid();
                dir = dropbear.dir();
                socket.connect(new InetSocketAddress("127.0.0.1", dropbear.port()), READ_TIMEOUT_MILLIS);
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
                String identification = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                assertTrue(identification.startsWith("SSH-2.0-dropbear"), identification);
                children = ProcessHandle.of(pid).orElseThrow().descendants().map(ProcessHandle::pid).toList();
            }
            assertGone(pid);
            children.forEach(DropbearTest::assertGone);
            assertFalse(Files.exists(dir), "temp dir left behind");
            assertEquals(-1, socket.getInputStream().read(), "the connection outlived dropbear");
        }
    }

    @Test
    void servesTheGeneratedHostKeys() {
        try (Dropbear dropbear = Dropbear.builder().start()) {
            for (KeyType type : List.of(KeyType.ED25519, KeyType.ECDSA_256, KeyType.RSA_3072)) {
                Command.Result scan = Command.run(Duration.ofSeconds(20), List.of(
                        Peers.sshKeyscan().toString(), "-p", Integer.toString(dropbear.port()), "-t", type.type(),
                        "127.0.0.1")).requireSuccess();
                String line = scan.stdout().lines().filter(l -> !l.startsWith("#")).findFirst()
                        .orElseThrow(() -> new AssertionError("ssh-keyscan printed no " + type + " key: "
                                + scan.stderr() + "\ndropbear's log:\n" + dropbear.log()));
                String[] fields = line.split(" ");
                assertEquals(type.keyName(), fields[1], line);
                assertEquals(dropbear.hostKey(type).base64(), fields[2], line);
            }
        }
    }

    @Test
    void anUnreadableHostKeyIsAnAssertionError() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> Dropbear.builder().hostKeys(KeyType.ED25519).args("-r", "/nonexistent/key").start().close());
        assertTrue(error.getMessage().contains("Failed loading /nonexistent/key"), error.getMessage());
    }

    @Test
    void aBadOptionIsAnAssertionErrorWithTheLog() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> Dropbear.builder().hostKeys(KeyType.ED25519).args("-Q").start().close());
        assertTrue(error.getMessage().contains("Invalid option -Q"), error.getMessage());
    }

    private static void assertGone(long pid) {
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "peer " + pid + " still runs");
    }
}
