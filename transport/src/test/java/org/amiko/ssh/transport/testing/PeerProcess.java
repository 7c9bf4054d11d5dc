package org.amiko.ssh.transport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One long-running peer (sshd, dropbear) whose stdout and stderr go to a log file, stopped by its
 * own PID together with the children it forked for connections. Every live peer is also killed by
 * a shutdown hook, so an aborted test run leaves none behind.
 */
final class PeerProcess {

    /** How long a peer has to exit after SIGTERM before it gets SIGKILL. */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private static final Set<PeerProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (PeerProcess peer : LIVE) {
                peer.process.descendants().forEach(ProcessHandle::destroyForcibly);
                peer.process.destroyForcibly();
            }
        }, "amiko-peer-reaper"));
    }

    /** How waiting for a peer to listen ended. */
    enum Start { READY, EXITED, TIMED_OUT }

    private final Process process;
    private final Path log;

    private PeerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static PeerProcess start(List<String> argv, Path log) {
        try {
            Process process = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            PeerProcess peer = new PeerProcess(process, log);
            LIVE.add(peer);
            return peer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", argv), e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path logFile() {
        return log;
    }

    String log() {
        try {
            return Command.read(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls until {@code ready} holds, the process exits, or {@code timeout} passes. */
    Start awaitReady(BooleanSupplier ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (ready.getAsBoolean()) {
                return process.isAlive() ? Start.READY : Start.EXITED;
            }
            if (!process.isAlive()) {
                return Start.EXITED;
            }
            if (System.nanoTime() - deadline > 0) {
                return Start.TIMED_OUT;
            }
            sleep(Duration.ofMillis(20));
        }
    }

    /** Waits until the log contains {@code text}; false when the timeout passes first. */
    boolean awaitLog(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!log().contains(text)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            sleep(Duration.ofMillis(20));
        }
        return true;
    }

    /**
     * SIGTERM to the peer and to the children it forked for connections (which outlive it
     * otherwise), SIGKILL to any still running after {@link #STOP_GRACE}; waits for all of them.
     */
    void stop() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
            for (ProcessHandle child : children) {
                try {
                    child.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    child.destroyForcibly();
                    child.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("a child of peer " + process.pid() + " would not exit", e);
        } finally {
            if (!process.isAlive()) {
                LIVE.remove(this);
            }
        }
    }

    /** A port that was free on 127.0.0.1 a moment ago; callers retry if a peer then cannot bind it. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a peer", e);
        }
    }
}
