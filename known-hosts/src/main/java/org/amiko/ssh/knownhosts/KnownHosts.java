package org.amiko.ssh.knownhosts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The known_hosts files a client trusts, loaded together as ssh(1) combines UserKnownHostsFile
 * and GlobalKnownHostsFile (ssh_config(5)): user files first, then global files, every matching
 * line of every file counted, in that order. Immutable and safe to share between threads.
 *
 * <p>A host is looked up by OpenSSH's name for it: {@code host} on port 22, {@code [host]:port}
 * otherwise, compared without regard to ASCII case, against plain patterns ({@code *}, {@code ?},
 * {@code !} negation) and hashed names alike. {@link #lookup} answers as OpenSSH 9.2's
 * sshconnect.c check_host_key does, see there. Missing files are simply empty; unreadable files and
 * malformed lines are listed by {@link #problems()} and never stop the other lines from counting.
 */
public final class KnownHosts {

    private final List<Path> files;
    private final KnownHostsLine.Entry[] entries;
    private final int[] fileOf;
    private final List<Problem> problems;
    private final Clock clock;
    /** Lines matching a name, for the last names asked about (a client asks knownKeyTypes, then lookup). */
    private final ConcurrentHashMap<String, int[]> recent;

    /** How many names {@link #recent} remembers before it starts again. */
    static final int RECENT_NAMES = 64;

    private KnownHosts(List<Path> files, KnownHostsLine.Entry[] entries, int[] fileOf, List<Problem> problems, Clock clock,
            ConcurrentHashMap<String, int[]> recent) {
        this.files = files;
        this.entries = entries;
        this.fileOf = fileOf;
        this.problems = problems;
        this.clock = clock;
        this.recent = recent;
    }

    /**
     * Loads user files then global files (ssh_config(5) UserKnownHostsFile, GlobalKnownHostsFile).
     * Files are streamed: a line longer than {@link KnownHostsLine#MAX_LINE_LENGTH} is reported,
     * never held. Never throws for a file's content or absence.
     */
    public static KnownHosts load(List<Path> userFiles, List<Path> globalFiles) {
        List<Path> files = new ArrayList<>(userFiles);
        files.addAll(globalFiles);
        List<KnownHostsLine.Entry> entries = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            Path file = Objects.requireNonNull(files.get(f), "file");
            int before = entries.size();
            try (InputStream in = Files.newInputStream(file)) {
                LineReader reader = new LineReader(in, null);
                long number = 0;
                for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                    number++;
                    KnownHostsLine parsed = line.overlong()
                            ? LineParser.overlong("", number, line.terminated())
                            : LineParser.parse(line.text(), number, line.terminated());
                    if (parsed instanceof KnownHostsLine.Entry e) {
                        entries.add(e);
                    } else if (parsed instanceof KnownHostsLine.Malformed m) {
                        problems.add(new Problem(file, number, m.reason()));
                    }
                }
            } catch (NoSuchFileException e) {
                // a missing file is an empty one, as for ssh(1)
            } catch (IOException e) {
                problems.add(new Problem(file, 0, "cannot read: " + e));
            }
            for (int i = before; i < entries.size(); i++) {
                owners.add(f);
            }
        }
        int[] fileOf = new int[owners.size()];
        for (int i = 0; i < fileOf.length; i++) {
            fileOf[i] = owners.get(i);
        }
        return new KnownHosts(List.copyOf(files), entries.toArray(new KnownHostsLine.Entry[0]), fileOf,
                List.copyOf(problems), Clock.systemUTC(), new ConcurrentHashMap<>());
    }

    /** The same files judged at the time {@code clock} gives (for certificate validity). */
    public KnownHosts withClock(Clock clock) {
        return new KnownHosts(files, entries, fileOf, problems, Objects.requireNonNull(clock, "clock"), recent);
    }

    /** Every file given, user files first, whether it existed or not. */
    public List<Path> files() {
        return files;
    }

    /** Malformed lines (file and line number) and unreadable files, in file order. */
    public List<Problem> problems() {
        return problems;
    }

    /** How many entries (lines with a usable key) the files hold. */
    public int entryCount() {
        return entries.length;
    }

    /**
     * Decides about the key a host presented, as OpenSSH 9.2's ssh(1) does with CheckHostIP when
     * {@code ip} is given (sshconnect.c check_host_key, hostfile.c check_hostkeys_by_key_or_type):
     * <ol>
     *   <li>{@link LookupResult.Revoked} when a matching {@code @revoked} line holds the key (for a
     *       certificate: the certified key or its CA); revocation wins over everything.
     *   <li>A certificate ({@code *-cert-v01@openssh.com}) is {@link LookupResult.CertifiedBy} when
     *       the first matching {@code @cert-authority} line with its CA key accepts it ({@link
     *       HostCertificate#problemFor}: host type, validity now, principals, no critical options,
     *       allowed algorithm, the CA signature verified with the JDK). Otherwise, as ssh(1) does,
     *       the certified key is looked up as a plain key.
     *   <li>{@link LookupResult.Known} when a plain line for the host holds the key; but when the
     *       lines for {@code ip} hold only other keys, {@link LookupResult.Changed} with those (ssh's
     *       "host key differs from the key for the IP address", fatal under strict checking).
     *       Entries for the IP alone never make a host known, as in OpenSSH.
     *   <li>{@link LookupResult.Changed} when plain lines for the host exist but hold other keys.
     *   <li>On a non-default port, a host still unknown as {@code [host]:port} is looked up once more
     *       as {@code host}, and is {@code Known} (or {@code CertifiedBy}, or {@code Revoked}) if
     *       that name decides so (ssh(1): "checking without port identifier").
     *   <li>Else {@link LookupResult.Unknown}.
     * </ol>
     *
     * @param host the host name as the user gave it (or the HostKeyAlias)
     * @param port the port; 22 and 0 mean the bare name
     * @param ip the host's address as text, or null to skip the IP check
     * @param keyType the key type or algorithm name ({@code rsa-sha2-256} counts as {@code ssh-rsa})
     * @param keyBlob the key blob the host sent
     * @throws IllegalArgumentException if {@code keyBlob} is not a valid key of {@code keyType}
     */
    public LookupResult lookup(String host, int port, String ip, String keyType, byte[] keyBlob) {
        SshKeyBlob key = presentedKey(keyType, keyBlob);
        HmacSha1 hmac = new HmacSha1();
        LookupName name = LookupName.of(host, port);
        LookupName bare = port != 0 && port != LookupName.DEFAULT_PORT ? LookupName.of(host, 0) : null;
        if (key.isCertificate()) {
            CertCheck check = checkCertificate(key, name, host, hmac);
            if (check.result == null && !check.caMatched && bare != null) {
                check = checkCertificate(key, bare, host, hmac);
            }
            if (check.result != null) {
                return check.result;
            }
            // sshconnect.c: "No matching CA found. Retry with plain key"; the IP is not checked for certificates
            key = key.plainKey();
            ip = null;
        }
        Status hostStatus = status(key, name, hmac);
        if (hostStatus.revoked != null) {
            return new LookupResult.Revoked(hostStatus.revoked);
        }
        Status ipStatus = ip == null ? null : status(key, LookupName.of(ip, port), hmac);
        if (ipStatus != null && ipStatus.revoked != null) {
            return new LookupResult.Revoked(ipStatus.revoked);
        }
        if (hostStatus.found != null) {
            if (ipStatus != null && ipStatus.found == null && !ipStatus.others.isEmpty()) {
                return new LookupResult.Changed(ipStatus.others, ipStatus.sameTypeDiffers);
            }
            return new LookupResult.Known(hostStatus.found);
        }
        if (!hostStatus.others.isEmpty()) {
            return new LookupResult.Changed(hostStatus.others, hostStatus.sameTypeDiffers);
        }
        if (bare != null) {
            Status bareStatus = status(key, bare, hmac);
            if (bareStatus.revoked != null) {
                return new LookupResult.Revoked(bareStatus.revoked);
            }
            if (bareStatus.found != null) {
                return new LookupResult.Known(bareStatus.found);
            }
        }
        return new LookupResult.Unknown(files);
    }

    /**
     * The types of the plain keys listed for the host, in file order without repeats, so that a
     * client can offer those host key algorithms first (as ssh(1) orders HostKeyAlgorithms by
     * what known_hosts holds).
     */
    public List<String> knownKeyTypes(String host, int port) {
        LinkedHashSet<String> types = new LinkedHashSet<>();
        for (int i : matching(LookupName.of(host, port), new HmacSha1())) {
            if (entries[i].marker() == Marker.NONE) {
                types.add(entries[i].keyType());
            }
        }
        return List.copyOf(types);
    }

    /** Whether an {@code @cert-authority} line applies to the host (ssh(1) then prefers certificate algorithms). */
    public boolean hasCertAuthority(String host, int port) {
        for (int i : matching(LookupName.of(host, port), new HmacSha1())) {
            if (entries[i].marker() == Marker.CERT_AUTHORITY) {
                return true;
            }
        }
        return false;
    }

    /** Every line that applies to the host, markers included, in order: what {@code ssh-keygen -F} lists. */
    public List<KnownKey> find(String host, int port) {
        List<KnownKey> out = new ArrayList<>();
        for (int i : matching(LookupName.of(host, port), new HmacSha1())) {
            out.add(known(i));
        }
        return out;
    }

    private static SshKeyBlob presentedKey(String keyType, byte[] keyBlob) {
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(keyBlob, "keyBlob");
        SshKeyBlob key;
        try {
            key = SshKeyBlob.parse(keyBlob.clone());
        } catch (LineFormatException e) {
            throw new IllegalArgumentException("not a valid " + keyType + " key: " + e.getMessage());
        }
        if (!key.type().equals(KeyTypes.fromAlgorithm(keyType))) {
            throw new IllegalArgumentException("the key blob holds a " + key.type() + " key, not " + keyType);
        }
        return key;
    }

    /** What one name's lines say about a certificate; {@code result} null when they do not decide. */
    private record CertCheck(LookupResult result, boolean caMatched) {}

    private CertCheck checkCertificate(SshKeyBlob key, LookupName name, String host, HmacSha1 hmac) {
        HostCertificate cert = key.certificate();
        int[] lines = matching(name, hmac);
        for (int i : lines) {
            SshKeyBlob k = entries[i].key();
            if (entries[i].marker() == Marker.REVOKED && (k.samePublicKey(key) || k.samePublicKey(cert.ca()))) {
                return new CertCheck(new LookupResult.Revoked(known(i)), true);
            }
        }
        for (int i : lines) {
            if (entries[i].marker() == Marker.CERT_AUTHORITY && entries[i].key().samePublicKey(cert.ca())) {
                // hostfile.c stops at the first CA line with this key; sshconnect.c then checks the certificate
                boolean valid = cert.problemFor(host, clock.instant()).isEmpty();
                return new CertCheck(valid ? new LookupResult.CertifiedBy(known(i), cert) : null, true);
            }
        }
        return new CertCheck(null, false);
    }

    /** One name's verdict on a plain key: revoked by, found at, or the other plain keys listed. */
    private record Status(KnownKey revoked, KnownKey found, List<KnownKey> others, boolean sameTypeDiffers) {}

    private Status status(SshKeyBlob key, LookupName name, HmacSha1 hmac) {
        int[] lines = matching(name, hmac);
        for (int i : lines) {
            if (entries[i].marker() == Marker.REVOKED && entries[i].key().samePublicKey(key)) {
                return new Status(known(i), null, List.of(), false);
            }
        }
        List<KnownKey> others = new ArrayList<>();
        boolean sameType = false;
        for (int i : lines) {
            KnownHostsLine.Entry e = entries[i];
            if (e.marker() != Marker.NONE) {
                continue;
            }
            if (e.key().sameKey(key)) {
                return new Status(null, known(i), List.of(), false);
            }
            others.add(known(i));
            sameType |= e.keyType().equals(key.type());
        }
        return new Status(null, null, others, sameType);
    }

    /**
     * Indexes of the entries whose host field matches {@code name}, in order; remembered for the
     * last {@link #RECENT_NAMES} names, since every hashed line costs an HMAC. Not to be modified.
     */
    private int[] matching(LookupName name, HmacSha1 hmac) {
        int[] known = recent.get(name.text());
        if (known != null) {
            return known;
        }
        int[] found = scan(name, hmac);
        if (recent.size() >= RECENT_NAMES) {
            recent.clear();
        }
        recent.put(name.text(), found);
        return found;
    }

    private int[] scan(LookupName name, HmacSha1 hmac) {
        int[] out = new int[4];
        int n = 0;
        for (int i = 0; i < entries.length; i++) {
            if (name.isMatchedBy(entries[i].hosts(), hmac)) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = i;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private KnownKey known(int i) {
        return KnownKey.of(entries[i], files.get(fileOf[i]));
    }
}
