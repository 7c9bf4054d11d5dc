package org.amiko.ssh.knownhosts;

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
    private static final List<String> HOSTS = List.of("example.com", "EXAMPLE.com", "192.0.2.1", "host.example.org", "*");
    private static final String KEY_TYPE = "ssh-ed25519";
    /** Two ed25519 public key blobs: what a host could present. */
    private static final List<byte[]> KEYS = List.of(ed25519Blob(1), ed25519Blob(2));

    private static byte[] ed25519Blob(int fill) {
        byte[] type = KEY_TYPE.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + type.length + 4 + 32);
        b.putInt(type.length).put(type).putInt(32);
        for (int i = 0; i < 32; i++) {
            b.put((byte) (fill * 7 + i));
        }
        return b.array();
    }

    static {
        try {
            FILE = Files.createTempFile("amiko-fuzz-known_hosts", "");
            FILE.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A known_hosts file, asked about by a few hosts (plain, hashed-looking, with a port, an address) for real keys. */
    @FuzzTest
    void file(byte[] content) throws IOException {
        Files.write(FILE, content);
        KnownHosts hosts = KnownHosts.load(List.of(FILE), List.of());
        hosts.problems().forEach(Object::toString);
        for (String host : HOSTS) {
            for (int port : new int[] {22, 2222}) {
                hosts.knownKeyTypes(host, port);
                for (byte[] key : KEYS) {
                    hosts.lookup(host, port, "192.0.2.1", KEY_TYPE, key).toString();
                }
            }
        }
        KnownHostsFile.parse(content).toBytes();
    }

    /** A host certificate blob: parsed or refused with IllegalArgumentException, and judged for a few hosts without throwing. */
    @FuzzTest
    void certificate(byte[] blob) {
        HostCertificate c;
        try {
            c = HostCertificate.of(blob);
        } catch (IllegalArgumentException e) {
            return; // not a certificate
        }
        for (String host : HOSTS) {
            c.problemFor(host, Instant.now());
        }
        c.toString();
    }
}
