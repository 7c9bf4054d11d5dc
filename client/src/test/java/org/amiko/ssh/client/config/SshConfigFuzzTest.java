package org.amiko.ssh.client.config;

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

    /** A config file, resolved for a few hosts, with and without a -o option. */
    @FuzzTest
    void resolve(byte[] content) throws IOException {
        Files.write(FILE, content);
        for (String host : new String[] {"example.com", "192.0.2.1", "alias", "a.b.example.org"}) {
            for (List<String> options : List.of(List.<String>of(), List.of("Port=2222"), List.of("ProxyJump=jump"))) {
                try {
                    HostConfig h = SshConfig.load(FILE).resolve(host, options);
                    h.toString();
                    h.proxyJump();
                    h.hostName();
                    h.port();
                } catch (SshConfigException e) {
                    FuzzChecks.expected(e);
                }
            }
        }
    }
}
