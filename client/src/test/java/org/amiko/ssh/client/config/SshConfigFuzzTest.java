package org.amiko.ssh.client.config;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.amiko.ssh.transport.testing.FuzzChecks;

/**
 * ssh_config(5) files are input: any content, resolved for any host with any -o options, is a
 * HostConfig or an SshConfigException naming file and line; nothing else.
 */
class SshConfigFuzzTest {

    private static final Path FILE;

    static {
        try {
            FILE = Files.createTempFile("amiko-fuzz-ssh_config", "");
            FILE.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void resolve(FuzzedDataProvider data) throws IOException {
        String host = data.consumeString(64);
        String option = data.consumeString(80);
        Files.write(FILE, data.consumeRemainingAsBytes());
        try {
            HostConfig h = SshConfig.load(FILE).resolve(host, option.isEmpty() ? List.of() : List.of(option));
            h.toString();
            h.proxyJump();
            h.hostName();
            h.port();
        } catch (SshConfigException e) {
            FuzzChecks.expected(e);
        }
    }
}
