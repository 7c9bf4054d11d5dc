package org.amiko.ssh.auth.keys;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a key file whole or not at all: a temporary file in the same directory, created with
 * its final permissions (so a private key is never readable by others, not even for a moment),
 * then renamed over the target.
 */
final class KeyFileWriter {

    static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private KeyFileWriter() {
    }

    static void write(Path file, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp;
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
        if (posix) {
            tmp = Files.createTempFile(dir, ".amiko-key-", ".tmp", PosixFilePermissions.asFileAttribute(permissions));
        } else {
            tmp = Files.createTempFile(dir, ".amiko-key-", ".tmp");
        }
        try {
            Files.write(tmp, content);
            if (posix) {
                // the umask may have narrowed the creation mode; set it exactly
                Files.setPosixFilePermissions(tmp, permissions);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
