package org.amiko.ssh.knownhosts;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Changes one known_hosts file: {@link #add} an entry (plain or hashed, as ssh(1) does with
 * HashKnownHosts) and {@link #remove} a host's entries (as {@code ssh-keygen -R}). Every other line
 * stays byte for byte, comments and malformed lines included.
 *
 * <p>Each change is atomic and serialized: under a lock ({@code FILE.lock} beside the file, held with
 * a {@link java.nio.channels.FileLock}, plus a lock per file within this JVM) the new content is
 * written to a temp file in the same directory, flushed to disk, given the old file's permissions
 * (and owner and group where allowed), then renamed over the file; a symbolic link is followed and
 * its target replaced. Two processes adding at once therefore lose nothing. A new file gets mode 600.
 */
public final class KnownHostsEditor {

    /** How long an edit waits for another writer by default. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(30);

    private final Path file;
    private final SecureRandom random;
    private final Duration lockTimeout;

    private KnownHostsEditor(Path file, SecureRandom random, Duration lockTimeout) {
        this.file = Objects.requireNonNull(file, "file");
        this.random = Objects.requireNonNull(random, "random");
        this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout");
    }

    /** An editor of {@code file}, which need not exist yet. */
    public static KnownHostsEditor of(Path file) {
        return new KnownHostsEditor(file, new SecureRandom(), DEFAULT_LOCK_TIMEOUT);
    }

    /** The same editor drawing hash salts from {@code random}. */
    public KnownHostsEditor withRandom(SecureRandom random) {
        return new KnownHostsEditor(file, random, lockTimeout);
    }

    /** The same editor waiting at most {@code timeout} for another writer. */
    public KnownHostsEditor withLockTimeout(Duration timeout) {
        return new KnownHostsEditor(file, random, timeout);
    }

    public Path file() {
        return file;
    }

    /**
     * Appends {@code NAME KEYTYPE BASE64[ COMMENT]} for {@code host} on {@code port} (the name is
     * {@code host} for port 22, {@code [host]:port} otherwise, lower-cased as ssh(1) writes it),
     * hashed as {@code |1|salt|hmac} when {@code hashed}. If the file's last line has no newline, one
     * is added first so the new entry starts its own line. Returns the line written, without newline.
     *
     * @throws IllegalArgumentException for a name that cannot be written plainly (blanks, commas,
     *     wildcards, negation, a leading {@code #}, {@code |} or {@code @}), a key blob that is not a
     *     valid key of {@code keyType}, or a comment with a line break
     */
    public String add(String host, int port, String keyType, byte[] keyBlob, boolean hashed, String comment) throws IOException {
        String line = entryLine(host, port, keyType, keyBlob, hashed, comment == null ? "" : comment);
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.ISO_8859_1);
        rewrite((in, out) -> {
            int last = '\n';
            if (in != null) {
                byte[] buf = new byte[16 * 1024];
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                    last = buf[n - 1];
                }
            }
            if (last != '\n') {
                out.write('\n');
            }
            out.write(bytes);
            return true;
        });
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
    }

    /** What {@link #addIfUnknown} found under the lock, and did. */
    public sealed interface AddResult {
        /** The host was not listed with a key of this type: the line was appended. */
        record Added(String line) implements AddResult {
        }

        /** Another writer recorded this very key meanwhile: nothing was written. */
        record AlreadyKnown(KnownKey key) implements AddResult {
        }

        /**
         * The file now lists another key of this type for the host, or revokes this one (another
         * writer got there first): nothing was written, and the key must not be trusted.
         */
        record Conflict(List<KnownKey> keys) implements AddResult {
        }
    }

    /**
     * {@link #add}, deciding under the file's lock: the file is read again there, and the entry is
     * appended only if the host still has no key of {@code keyType} (trust on first use must not
     * record a second key beside one another process recorded in the meantime).
     */
    public AddResult addIfUnknown(String host, int port, String keyType, byte[] keyBlob, boolean hashed, String comment)
            throws IOException {
        String line = entryLine(host, port, keyType, keyBlob, hashed, comment == null ? "" : comment);
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.ISO_8859_1);
        LookupName name = LookupName.of(host, port);
        HmacSha1 hmac = new HmacSha1();
        String type = KeyTypes.fromAlgorithm(keyType);
        List<KnownKey> same = new ArrayList<>();
        List<KnownKey> conflicts = new ArrayList<>();
        rewrite((in, out) -> {
            int last = '\n';
            if (in != null) {
                LineReader reader = new LineReader(in, out);
                long number = 0;
                for (LineReader.Line l = reader.next(); l != null; l = reader.next()) {
                    number++;
                    if (l.overlong()) {
                        continue;
                    }
                    KnownHostsLine parsed = LineParser.parse(l.text(), number, l.terminated());
                    if (parsed instanceof KnownHostsLine.Entry e && e.keyType().equals(type)) {
                        boolean sameKey = java.util.Arrays.equals(e.keyBlob(), keyBlob);
                        if (e.marker() == Marker.REVOKED && sameKey) {
                            conflicts.add(KnownKey.of(e, file)); // revoked wherever it is listed
                        } else if (e.marker() == Marker.NONE && name.isMatchedBy(e.hosts(), hmac)) {
                            (sameKey ? same : conflicts).add(KnownKey.of(e, file));
                        }
                    }
                    out.write(parsed.bytes());
                    last = l.terminated() ? '\n' : 'x';
                }
            }
            if (!conflicts.isEmpty() || !same.isEmpty()) {
                return false;
            }
            if (last != '\n') {
                out.write('\n');
            }
            out.write(bytes);
            return true;
        });
        if (!conflicts.isEmpty()) {
            return new AddResult.Conflict(List.copyOf(conflicts));
        }
        if (!same.isEmpty()) {
            return new AddResult.AlreadyKnown(same.get(0));
        }
        return new AddResult.Added(line);
    }

    /**
     * Removes every plain line whose host field matches {@code host} on {@code port}, as {@code
     * ssh-keygen -R} does: {@code @cert-authority} and {@code @revoked} lines stay, a line naming
     * several hosts goes as a whole, malformed lines stay. Returns the removed entries (the file is
     * not rewritten when there are none).
     */
    public List<KnownKey> remove(String host, int port) throws IOException {
        LookupName name = LookupName.of(host, port);
        HmacSha1 hmac = new HmacSha1();
        List<KnownKey> removed = new ArrayList<>();
        rewrite((in, out) -> {
            if (in == null) {
                return false;
            }
            LineReader reader = new LineReader(in, out);
            long number = 0;
            for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                number++;
                if (line.overlong()) {
                    continue; // copied through by the reader
                }
                KnownHostsLine parsed = LineParser.parse(line.text(), number, line.terminated());
                if (parsed instanceof KnownHostsLine.Entry e && e.marker() == Marker.NONE && name.isMatchedBy(e.hosts(), hmac)) {
                    removed.add(KnownKey.of(e, file));
                    continue;
                }
                out.write(parsed.bytes());
            }
            return !removed.isEmpty();
        });
        return List.copyOf(removed);
    }

    /** The text of a new entry (OpenSSH's hostfile.c write_host_entry, plus an optional comment). */
    String entryLine(String host, int port, String keyType, byte[] keyBlob, boolean hashed, String comment) {
        LookupName name = LookupName.of(host, port);
        if (!hashed) {
            checkPlainName(name.text());
        }
        for (int i = 0; i < comment.length(); i++) {
            char c = comment.charAt(i);
            if (c == '\n' || c == '\r' || c == '\0') {
                throw new IllegalArgumentException("the comment contains a line break or NUL");
            }
        }
        SshKeyBlob key;
        try {
            key = SshKeyBlob.parse(keyBlob.clone());
        } catch (LineFormatException e) {
            throw new IllegalArgumentException("not a valid " + keyType + " key: " + e.getMessage());
        }
        if (!key.type().equals(KeyTypes.fromAlgorithm(keyType))) {
            throw new IllegalArgumentException("the key blob holds a " + key.type() + " key, not " + keyType);
        }
        String hosts = hashed ? HashedHostName.hash(name, random).text() : name.text();
        String line = hosts + " " + key.type() + " " + Base64.getEncoder().encodeToString(key.blob());
        String commentLatin1 = new String(comment.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        return comment.isEmpty() ? line : line + " " + commentLatin1;
    }

    private static void checkPlainName(String name) {
        char first = name.charAt(0);
        if (first == '#' || first == '|' || first == '@') {
            throw new IllegalArgumentException("a host name starting with " + first + " cannot be written plainly: " + name);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ' ' || c == '\t' || c == ',' || c == '*' || c == '?' || c == '!') {
                throw new IllegalArgumentException("a host name with '" + c + "' cannot be written plainly: " + name);
            }
        }
    }

    /** Copies the old content (null when there is no file) to the new; returns whether anything changed. */
    private interface Copier {
        boolean copy(InputStream in, OutputStream out) throws IOException;
    }

    private void rewrite(Copier copier) throws IOException {
        Path target = target();
        FileLocking.withLock(target, lockTimeout, () -> {
            Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
            boolean moved = false;
            try {
                boolean changed;
                try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 16 * 1024);
                    try (InputStream in = openOrNull(target)) {
                        changed = copier.copy(in, out);
                    }
                    out.flush();
                    channel.force(true);
                }
                if (changed) {
                    copyAttributes(target, tmp);
                    try {
                        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        throw new IOException("cannot replace " + target + " atomically", e);
                    }
                    moved = true;
                }
            } finally {
                if (!moved) {
                    Files.deleteIfExists(tmp);
                }
            }
            return null;
        });
    }

    /** The file to replace: the target of a symbolic link, and its directory made if missing (mode 700). */
    private Path target() throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            return abs.toRealPath();
        }
        if (Files.isSymbolicLink(abs)) {
            Path link = Files.readSymbolicLink(abs);
            abs = abs.resolveSibling(link).normalize();
        }
        Path dir = abs.getParent();
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createDirectories(dir);
            }
        }
        return dir.toRealPath().resolve(abs.getFileName());
    }

    private static InputStream openOrNull(Path file) throws IOException {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The old file's permissions, owner and group onto the new one; mode 600 for a new file. */
    private static void copyAttributes(Path from, Path to) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            view.setPermissions(PosixFilePermissions.fromString("rw-------"));
            return;
        }
        PosixFileAttributes old = Files.readAttributes(from, PosixFileAttributes.class);
        view.setPermissions(old.permissions());
        PosixFileAttributes now = view.readAttributes();
        try {
            if (!now.owner().equals(old.owner())) {
                view.setOwner(old.owner());
            }
            if (!now.group().equals(old.group())) {
                view.setGroup(old.group());
            }
        } catch (IOException | SecurityException notAllowed) {
            // only root may give a file away; the permissions are what matters
        }
    }
}
