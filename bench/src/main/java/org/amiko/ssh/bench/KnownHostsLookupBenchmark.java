package org.amiko.ssh.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.amiko.ssh.knownhosts.HashedHostName;
import org.amiko.ssh.knownhosts.KnownHosts;
import org.amiko.ssh.knownhosts.LookupResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * known_hosts lookups (each of a different host, so that KnownHosts' memory of recent names never
 * helps, except where said) in a file of 100,000 entries for host0 .. host99999 (one Ed25519 key each),
 * hashed ({@code |1|salt|hmac}, as HashKnownHosts writes them: every lookup computes one HMAC-SHA1
 * per line, as OpenSSH does) or plain, beside the time to load and parse that file. Run with
 * {@code -prof gc} for the bytes allocated per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class KnownHostsLookupBenchmark {

    public static final int ENTRIES = 100_000;

    /** hashed: |1|salt|hmac names; plain: the names themselves. */
    @Param({"hashed", "plain"})
    public String names;

    private Path dir;
    private Path file;
    private KnownHosts knownHosts;
    private byte[][] blobs;
    private int next;

    @Setup(Level.Trial)
    public void writeAndLoad() throws IOException {
        dir = Files.createTempDirectory("amiko-kh-bench");
        file = dir.resolve("known_hosts");
        SecureRandom salts = new SecureRandom();
        SplittableRandom keys = new SplittableRandom(42);
        blobs = new byte[ENTRIES][];
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (int i = 0; i < ENTRIES; i++) {
                blobs[i] = ed25519Blob(keys);
                String host = "host" + i;
                String name = names.equals("hashed") ? HashedHostName.hash(host, 22, salts).text() : host;
                out.write(name + " ssh-ed25519 " + Base64.getEncoder().encodeToString(blobs[i]) + "\n");
            }
        }
        knownHosts = KnownHosts.load(List.of(file), List.of());
        if (knownHosts.entryCount() != ENTRIES || !knownHosts.problems().isEmpty()) {
            throw new IllegalStateException("generated file did not load: " + knownHosts.problems());
        }
        if (!(lookupHit() instanceof LookupResult.Known)) {
            throw new IllegalStateException("a generated host is not known");
        }
    }

    @TearDown(Level.Trial)
    public void deleteFile() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    /** A host that is listed, with its key: Known (every line is still examined). */
    @Benchmark
    public LookupResult lookupHit() {
        int i = next;
        next = (i + 7919) % ENTRIES;
        return knownHosts.lookup("host" + i, 22, null, "ssh-ed25519", blobs[i]);
    }

    /** A host that is not listed, on port 2222: [host]:2222, then host without port: two passes, Unknown. */
    @Benchmark
    public LookupResult lookupMissOtherPort() {
        int i = next;
        next = (i + 7919) % ENTRIES;
        return knownHosts.lookup("nohost" + i, 2222, null, "ssh-ed25519", blobs[i]);
    }

    /**
     * What a client does per connection: the key types known for the host (to order its host key
     * algorithms), then the lookup of the key the host sent. The second scan is remembered from the first.
     */
    @Benchmark
    public LookupResult typesThenLookup() {
        int i = next;
        next = (i + 7919) % ENTRIES;
        String host = "host" + i;
        if (knownHosts.knownKeyTypes(host, 22).isEmpty()) {
            throw new IllegalStateException(host);
        }
        return knownHosts.lookup(host, 22, null, "ssh-ed25519", blobs[i]);
    }

    /** Reading and parsing the whole file (base64, key checks, hashed names decoded). */
    @Benchmark
    public KnownHosts load() {
        return KnownHosts.load(List.of(file), List.of());
    }

    /** An Ed25519 key blob: string "ssh-ed25519", string 32 bytes (RFC 8709 §4). */
    static byte[] ed25519Blob(SplittableRandom rnd) {
        byte[] blob = new byte[4 + 11 + 4 + 32];
        blob[3] = 11;
        System.arraycopy("ssh-ed25519".getBytes(StandardCharsets.US_ASCII), 0, blob, 4, 11);
        blob[18] = 32;
        for (int i = 0; i < 32; i++) {
            blob[19 + i] = (byte) rnd.nextInt(256);
        }
        return blob;
    }
}
