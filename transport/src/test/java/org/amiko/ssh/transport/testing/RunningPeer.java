package org.amiko.ssh.transport.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What every server fixture shares once it runs: its port on 127.0.0.1, its process (stopped by
 * its own PID, with the children it forked), its host keys, its log, and a temp dir deleted on
 * {@link #close()}.
 *
 * @param <K> the fixture's description of one host key
 */
public abstract class RunningPeer<K> implements AutoCloseable {

    private final String name;
    private final Path dir;
    private final Map<KeyType, K> hostKeys;
    private final int port;
    private final PeerProcess process;
    private boolean closed;

    RunningPeer(String name, Path dir, Map<KeyType, K> hostKeys, int port, PeerProcess process) {
        this.name = name;
        this.dir = dir;
        this.hostKeys = hostKeys;
        this.port = port;
        this.process = process;
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The PID of the listening server. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The temp dir holding the keys, the configuration and the log; deleted on {@link #close()}. */
    public Path dir() {
        return dir;
    }

    /** The host keys the server serves, in the order it was given them. */
    public Map<KeyType, K> hostKeys() {
        return hostKeys;
    }

    public K hostKey(KeyType type) {
        K key = hostKeys.get(type);
        if (key == null) {
            throw new IllegalArgumentException("no " + type + " host key; this " + name + " has " + hostKeys.keySet());
        }
        return key;
    }

    /** The server's log (its stderr) so far. */
    public String log() {
        return process.log();
    }

    public Path logFile() {
        return process.logFile();
    }

    /**
     * Waits until the log contains {@code text}, such as a line naming what was negotiated; an
     * {@link AssertionError} quoting the log when {@code timeout} passes first.
     */
    public void awaitLog(String text, Duration timeout) {
        if (!process.awaitLog(text, timeout)) {
            throw new AssertionError(name + "'s log did not show \"" + text + "\" within " + timeout + "; log:\n" + log());
        }
    }

    /** Stops the server and the children it forked for connections, then deletes the temp dir. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            process.stop();
        } finally {
            PeerProcess.deleteTree(dir);
        }
    }
}
