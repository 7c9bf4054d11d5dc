package org.amiko.ssh.client.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * ssh_config files are bytes to ssh(1): a comment in Latin-1 is no error (fuzzing found that one
 * threw MalformedInputException), and a file too large to be a config is refused with an
 * SshConfigException instead of filling the heap. A NUL inside a file name is no file name: an
 * SshConfigException naming the line, not the JDK's InvalidPathException (fuzzing found that too).
 */
class ConfigFileBytesTest {

    @TempDir
    Path dir;

    @Test
    void bytesThatAreNotUtf8AreNoError() throws Exception {
        Path config = dir.resolve("config");
        Files.write(config, "# caf\u00e9 in Latin-1: \u00e9 is one byte\nHost example.com\n  Port 2222\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(2222, SshConfig.load(config).resolve("example.com", List.of()).port());
    }

    @Test
    void aFileTooLargeToBeAConfigIsRefused() throws Exception {
        Path huge = dir.resolve("huge.conf");
        Files.write(huge, new byte[ConfigFile.MAX_FILE_BYTES + 1]);
        Path config = dir.resolve("config");
        Files.writeString(config, "Include " + huge + "\n");
        SshConfigException e = assertThrows(SshConfigException.class, () -> SshConfig.load(config).resolve("h", List.of()));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }

    @Test
    void aNulEndsItsLineAsInSsh() throws Exception {
        Configs configs = new Configs(dir);
        assertEquals(2222, configs.resolve("Host *\n  Port 2222\u0000 and what follows\n", "example.com").port());
        // the input fuzzing found: a quote opened before the NUL is never closed
        SshConfigException e = configs.failure("Host *\n  Include '/no\u0000where'\n", "example.com");
        assertTrue(e.getMessage().contains("line 2: invalid quotes"), e.getMessage());
    }

    /** A host name an API caller passes may hold a NUL that a %-token carries into a file name. */
    @ParameterizedTest
    @ValueSource(strings = {"IdentityFile ~/.ssh/%n", "UserKnownHostsFile /tmp/%h", "IdentityAgent /tmp/%n.sock"})
    void aNulInAFileNameIsAnErrorOfItsLine(String directive) throws Exception {
        Configs configs = new Configs(dir);
        SshConfigException e = configs.failure("Host *\n  " + directive + "\n", "example\u0000com");
        assertTrue(e.getMessage().contains("line 2: bad path"), e.getMessage());
    }
}
