package org.amiko.ssh.knownhosts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KnownHostsEditor}: what it writes, what it keeps byte for byte, atomicity and locking across threads and processes. */
class KnownHostsEditorTest {

    static final byte[] KEY = LineParserTest.ed25519Blob(5);
    static final String KEY_TEXT = "ssh-ed25519 " + Base64.getEncoder().encodeToString(KEY);

    @TempDir
    Path dir;

    private Path file(byte[] content) throws IOException {
        Path f = dir.resolve("known_hosts");
        Files.write(f, content);
        return f;
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void addWritesOpenSshsLine() throws IOException {
        Path f = dir.resolve("known_hosts");
        KnownHostsEditor editor = KnownHostsEditor.of(f);
        assertEquals("server.example.com " + KEY_TEXT, editor.add("Server.Example.COM", 22, "ssh-ed25519", KEY, false, null));
        assertEquals("[server]:2222 " + KEY_TEXT + " added by amiko", editor.add("server", 2222, "ssh-ed25519", KEY, false, "added by amiko"));
        assertEquals("[::1]:2200 " + KEY_TEXT, editor.add("::1", 2200, "ssh-ed25519", KEY, false, ""));
        String hashed = editor.add("server", 22, "ssh-ed25519", KEY, true, "");
        assertTrue(hashed.matches("\\|1\\|[^ |]{28}\\|[^ ]{28} " + KEY_TEXT.replace("+", "\\+")), hashed);
        List<String> lines = Files.readAllLines(f);
        assertEquals(4, lines.size());
        assertEquals(hashed, lines.get(3));
        assertEquals(List.of(2L), OpenSshKnownHosts.find(f, "[server]:2222"));
        assertEquals(List.of(4L), OpenSshKnownHosts.find(f, "server"));
    }

    @Test
    void otherLinesStayByteForByte() throws IOException {
        String before = "# comment\r\nserver " + KEY_TEXT + "\r\n\r\ngarbage line\n\tother ssh-foo AAAA\n" + "x".repeat(70_000)
                + "\nkeep " + KEY_TEXT + " no final newline";
        Path f = file(latin1(before));
        KnownHostsEditor.of(f).add("new", 22, "ssh-ed25519", KEY, false, "");
        assertArrayEquals(latin1(before + "\nnew " + KEY_TEXT + "\n"), Files.readAllBytes(f),
                "a newline ends the old last line, then the new entry follows");
        assertEquals(1, KnownHostsEditor.of(f).remove("server", 22).size());
        assertArrayEquals(latin1(before.replace("server " + KEY_TEXT + "\r\n", "") + "\nnew " + KEY_TEXT + "\n"), Files.readAllBytes(f));
        assertEquals(1, KnownHostsEditor.of(f).remove("keep", 22).size());
        assertArrayEquals(latin1(before.replace("server " + KEY_TEXT + "\r\n", "").replace("keep " + KEY_TEXT + " no final newline", "")
                + "new " + KEY_TEXT + "\n"), Files.readAllBytes(f));
    }

    @Test
    void removingNothingLeavesTheFileAlone() throws IOException {
        Path f = file(latin1("server " + KEY_TEXT + "\n"));
        Object inode = Files.getAttribute(f, "unix:ino");
        assertEquals(List.of(), KnownHostsEditor.of(f).remove("other", 22));
        assertEquals(inode, Files.getAttribute(f, "unix:ino"), "not rewritten");
        assertEquals(List.of(), KnownHostsEditor.of(dir.resolve("missing")).remove("other", 22));
        assertTrue(Files.notExists(dir.resolve("missing")));
    }

    @Test
    void permissionsAreKeptAndNewFilesArePrivate() throws IOException {
        Path f = file(latin1("server " + KEY_TEXT + "\n"));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        KnownHostsEditor.of(f).add("other", 22, "ssh-ed25519", KEY, false, "");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        KnownHostsEditor.of(f).remove("other", 22);
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        Path fresh = dir.resolve("sub/dir/known_hosts");
        KnownHostsEditor.of(fresh).add("server", 22, "ssh-ed25519", KEY, true, "");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.getParent())));
    }

    @Test
    void aSymbolicLinkIsFollowed() throws IOException {
        Path target = Files.createDirectories(dir.resolve("dotfiles")).resolve("known_hosts");
        Files.writeString(target, "server " + KEY_TEXT + "\n");
        Path link = Files.createSymbolicLink(dir.resolve("known_hosts"), target);
        KnownHostsEditor.of(link).add("other", 22, "ssh-ed25519", KEY, false, "");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(2, Files.readAllLines(target).size());
    }

    @Test
    void noTempFilesAreLeftBehind() throws IOException {
        Path f = file(latin1("server " + KEY_TEXT + "\n"));
        KnownHostsEditor editor = KnownHostsEditor.of(f);
        editor.add("a", 22, "ssh-ed25519", KEY, false, "");
        editor.remove("a", 22);
        assertThrows(IllegalArgumentException.class, () -> editor.add("a b", 22, "ssh-ed25519", KEY, false, ""));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(Set.of("known_hosts", "known_hosts.lock"), files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
    }

    @Test
    void namesThatCannotBeWrittenPlainlyAreRefused() {
        KnownHostsEditor editor = KnownHostsEditor.of(dir.resolve("known_hosts"));
        for (String bad : List.of("a b", "a\tb", "a,b", "*.example.com", "host?", "!host", "#host", "|1|x", "@revoked", "")) {
            assertThrows(IllegalArgumentException.class, () -> editor.add(bad, 22, "ssh-ed25519", KEY, false, ""), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> editor.add("a\nb", 22, "ssh-ed25519", KEY, true, ""));
        assertThrows(IllegalArgumentException.class, () -> editor.add("ok", 22, "ssh-ed25519", KEY, false, "two\nlines"));
        assertThrows(IllegalArgumentException.class, () -> editor.add("ok", 22, "ssh-rsa", KEY, false, ""));
        assertThrows(IllegalArgumentException.class, () -> editor.add("ok", 22, "ssh-ed25519", new byte[3], false, ""));
        assertTrue(Files.notExists(dir.resolve("known_hosts")));
    }

    @Test
    void threadsAddingAtOnceLoseNothing() throws Exception {
        Path f = dir.resolve("known_hosts");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                KnownHostsEditor editor = KnownHostsEditor.of(f);
                for (int i = 0; i < 25; i++) {
                    editor.add("t" + thread + "-" + i, 22, "ssh-ed25519", KEY, i % 2 == 0, "");
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        KnownHosts kh = KnownHosts.load(List.of(f), List.of());
        assertEquals(100, kh.entryCount());
        for (int t = 0; t < 4; t++) {
            for (int i = 0; i < 25; i++) {
                assertInstanceOf(LookupResult.Known.class, kh.lookup("t" + t + "-" + i, 22, null, "ssh-ed25519", KEY));
            }
        }
    }

    @Test
    void twoProcessesAndThisOneAddingAtOnceLoseNothing() throws Exception {
        Path f = dir.resolve("known_hosts");
        int n = 150;
        Process first = child("add", f.toString(), "first", Integer.toString(n));
        Process second = child("add", f.toString(), "second", Integer.toString(n));
        for (Process p : List.of(first, second)) { // both started and warm: then all three go at once
            assertEquals("ready", new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine());
        }
        for (Process p : List.of(first, second)) {
            p.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().flush();
        }
        KnownHostsEditor editor = KnownHostsEditor.of(f);
        for (int i = 0; i < n; i++) {
            editor.add("here" + i, 22, "ssh-ed25519", LineParserTest.ed25519Blob(i), false, "");
        }
        for (Process p : List.of(first, second)) {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child did not finish");
            assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        KnownHosts kh = KnownHosts.load(List.of(f), List.of());
        assertEquals(3 * n, kh.entryCount());
        assertEquals(List.of(), kh.problems());
        Set<String> names = new HashSet<>();
        for (String prefix : List.of("first", "second", "here")) {
            for (int i = 0; i < n; i++) {
                LookupResult r = kh.lookup(prefix + i, 22, null, "ssh-ed25519", LineParserTest.ed25519Blob(i));
                assertInstanceOf(LookupResult.Known.class, r, prefix + i);
                names.add(prefix + i);
            }
        }
        assertEquals(3 * n, names.size());
    }

    @Test
    void anEditWaitsForTheLockThenGivesUp() throws Exception {
        Path f = file(latin1("server " + KEY_TEXT + "\n"));
        Process holder = child("hold", f.toString(), "3000");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("locked", out.readLine());
            KnownHostsEditor editor = KnownHostsEditor.of(f).withLockTimeout(Duration.ofMillis(200));
            IOException e = assertThrows(IOException.class, () -> editor.add("x", 22, "ssh-ed25519", KEY, false, ""));
            assertTrue(e.getMessage().contains("another process"), e.getMessage());
            KnownHostsEditor.of(f).withLockTimeout(Duration.ofSeconds(60)).add("x", 22, "ssh-ed25519", KEY, false, "");
            assertEquals(2, Files.readAllLines(f).size(), "the edit went through once the other process let go");
        } finally {
            holder.destroyForcibly();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Process child(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EditorChild.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
    }
}
