package org.amiko.ssh.auth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .pub} lines: {@code TYPE BASE64 [COMMENT]}, written and read back exactly. */
class PublicKeyFileTest {

    private static final SshPublicKey KEY =
            SshPublicKey.of(PrivateKeyFiles.generate(SshPublicKey.ECDSA_SHA2_NISTP384, new SecureRandom()).getPublic());
    private static final String BASE64 = Base64.getEncoder().encodeToString(KEY.blob().toByteArray());

    @Test
    void writesTheLineSshKeygenWrites() {
        assertEquals("ecdsa-sha2-nistp384 " + BASE64 + " bob@host", new PublicKeyFile(KEY, "bob@host").toLine());
        assertEquals("ecdsa-sha2-nistp384 " + BASE64, new PublicKeyFile(KEY, "").toLine());
    }

    @Test
    void readsTypeKeyAndACommentWithSpaces() throws Exception {
        PublicKeyFile pub = PublicKeyFile.parse("ecdsa-sha2-nistp384\t" + BASE64 + "  a comment  with spaces \r", "f");
        assertEquals(KEY, pub.key());
        assertEquals("a comment  with spaces", pub.comment());
        assertEquals(pub, PublicKeyFile.parse(pub.toLine(), "f"));
    }

    @Test
    void readsTheFirstKeyLineOfAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("id.pub");
        Files.writeString(file, "# exported\n\necdsa-sha2-nistp384 " + BASE64 + " c\n");
        assertEquals(new PublicKeyFile(KEY, "c"), PublicKeyFile.read(file));
        Files.writeString(file, "\n# nothing\n");
        assertEquals(file + ": no public key in the file",
                assertThrows(KeyFileException.class, () -> PublicKeyFile.read(file)).getMessage());
    }

    @Test
    void malformedLinesSayWhy() {
        assertEquals("line says ssh-ed25519 but holds a ecdsa-sha2-nistp384 key",
                assertThrows(KeyFileException.class, () -> PublicKeyFile.parse("ssh-ed25519 " + BASE64, "f")).reason());
        assertEquals("the key is not valid base64",
                assertThrows(KeyFileException.class, () -> PublicKeyFile.parse("ssh-ed25519 AAA*", "f")).reason());
        assertEquals("unsupported key type \"ssh-dss\"",
                assertThrows(KeyFileException.class, () -> PublicKeyFile.parse("ssh-dss AAAAB3NzaC1kc3M=", "f")).reason());
        assertEquals("RFC 4716 public keys are not supported; convert with ssh-keygen -i -f FILE",
                assertThrows(KeyFileException.class, () -> PublicKeyFile.parse("---- BEGIN SSH2 PUBLIC KEY ----", "f")).reason());
    }
}
