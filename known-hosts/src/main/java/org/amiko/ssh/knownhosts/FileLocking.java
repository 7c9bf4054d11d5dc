package org.amiko.ssh.knownhosts;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion for editing one known_hosts file, between threads of this JVM (a lock per path)
 * and between processes (a {@link FileLock} on {@code FILE.lock} beside the file). The lock file
 * is never deleted: a lock file that is removed while held lets a third writer in. The known_hosts
 * file itself cannot carry the lock, since every edit replaces it by a rename.
 */
final class FileLocking {

    /** The action run while the lock is held. */
    interface Locked<T> {
        T run() throws IOException;
    }

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final long POLL_MILLIS = 5;

    private FileLocking() {}

    static Path lockFile(Path target) {
        return target.resolveSibling(target.getFileName() + ".lock");
    }

    /** Runs {@code action} holding both locks for {@code target}, waiting at most {@code timeout} for them. */
    static <T> T withLock(Path target, Duration timeout, Locked<T> action) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ReentrantLock local = IN_PROCESS.computeIfAbsent(target, p -> new ReentrantLock());
        try {
            if (!local.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new IOException(target + " is being edited by another thread (waited " + timeout + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to edit " + target, e);
        }
        try (FileChannel channel = openLockFile(lockFile(target))) {
            FileLock lock = null;
            try {
                while ((lock = channel.tryLock()) == null) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new IOException(target + " is being edited by another process (" + lockFile(target)
                                + " is locked; waited " + timeout + ")");
                    }
                    Thread.sleep(POLL_MILLIS);
                }
                return action.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting to edit " + target, e);
            } finally {
                if (lock != null) {
                    lock.release();
                }
            }
        } finally {
            local.unlock();
        }
    }

    private static FileChannel openLockFile(Path lockFile) throws IOException {
        try {
            Files.createFile(lockFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException ignored) {
            // made by an earlier edit, as intended
        } catch (UnsupportedOperationException notPosix) {
            try {
                Files.createFile(lockFile);
            } catch (FileAlreadyExistsException ignored) {
                // idem
            }
        }
        return FileChannel.open(lockFile, StandardOpenOption.WRITE);
    }
}
