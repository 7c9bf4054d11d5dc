package org.amiko.ssh.knownhosts;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * known_hosts files and host certificates are input: any file content is read into entries and
 * problems, then every host asks about any key, plain or certificate; and any certificate blob
 * parses or is refused with IllegalArgumentException, and is judged without throwing.
 */
class KnownHostsFuzzTest {

    private static final Path FILE;

    static {
        try {
            FILE = Files.createTempFile("amiko-fuzz-known_hosts", "");
            FILE.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void file(FuzzedDataProvider data) throws IOException {
        String host = data.consumeString(64).strip(); // the user's, not the peer's: empty is the caller's mistake
        if (host.isEmpty()) {
            host = "example.com";
        }
        int port = data.consumeInt(0, 65535);
        byte[] key = data.consumeBytes(data.consumeInt(0, 600));
        Files.write(FILE, data.consumeRemainingAsBytes());
        KnownHosts hosts = KnownHosts.load(List.of(FILE), List.of());
        hosts.problems().forEach(Object::toString);
        hosts.knownKeyTypes(host, port);
        for (String type : List.of("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ssh-ed25519-cert-v01@openssh.com")) {
            try {
                hosts.lookup(host, port, "127.0.0.1", type, key).toString();
            } catch (IllegalArgumentException e) {
                // documented: the key blob is not a valid key of that type (the transport decodes it first)
            }
        }
        KnownHostsFile.parse(Files.readAllBytes(FILE)).toBytes();
    }

    @FuzzTest
    void certificate(FuzzedDataProvider data) {
        String host = data.consumeString(64);
        HostCertificate c;
        try {
            c = HostCertificate.of(data.consumeRemainingAsBytes());
        } catch (IllegalArgumentException e) {
            return; // not a certificate
        }
        c.problemFor(host, Instant.now());
        c.toString();
    }
}
