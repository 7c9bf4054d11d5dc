package org.amiko.ssh.auth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.amiko.ssh.auth.agent.InMemoryAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A private key others may read is refused, as ssh refuses it; an agent socket lives only in a directory others cannot enter. */
class KeyFilePermissionsTest {

    @TempDir
    Path dir;

    private Path keyWithMode(String mode) throws IOException {
        Path file = dir.resolve("id_" + mode);
        PrivateKeyFiles.writeOpenSsh(file, PrivateKeyFiles.generate("ssh-ed25519", new SecureRandom()), "k", null);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void aKeyReadableByOthersIsRefusedWithSshsWarning() throws Exception {
        for (String mode : new String[] {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----"}) {
            Path file = keyWithMode(mode);
            UnprotectedKeyFileException e = assertThrows(UnprotectedKeyFileException.class,
                    () -> PrivateKeyFiles.read(file, PassphraseProvider.none()), mode);
            assertTrue(e.warning().contains("WARNING: UNPROTECTED PRIVATE KEY FILE!"), e.warning());
            assertTrue(e.warning().contains("Permissions " + e.mode() + " for '" + file + "' are too open."), e.warning());
        }
        assertEquals("0644", assertThrows(UnprotectedKeyFileException.class,
                () -> PrivateKeyFiles.read(keyWithMode("rw-r--r--"), PassphraseProvider.none())).mode());
    }

    @Test
    void aKeyOnlyItsOwnerReadsIsUsed() throws Exception {
        assertNotNull(PrivateKeyFiles.read(keyWithMode("rw-------"), PassphraseProvider.none()));
        assertNotNull(PrivateKeyFiles.read(keyWithMode("r--------"), PassphraseProvider.none()));
    }

    @Test
    void anAgentSocketIsRefusedInADirectoryOthersCanEnter() throws Exception {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (InMemoryAgent agent = new InMemoryAgent()) {
            IOException e = assertThrows(IOException.class, () -> agent.listen(open.resolve("agent.sock")));
            assertTrue(e.getMessage().contains("mode 700"), e.getMessage());
            assertFalse(Files.exists(open.resolve("agent.sock")), "nothing was bound");
            Path socketDir;
            try (InMemoryAgent.Listener l = agent.listen()) {
                socketDir = l.socket().getParent();
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socketDir)));
                assertTrue(Files.exists(l.socket()));
            }
            assertFalse(Files.exists(socketDir), "listen()'s own directory goes with the listener");
        }
    }
}
