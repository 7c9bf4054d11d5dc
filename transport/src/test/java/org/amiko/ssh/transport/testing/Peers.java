package org.amiko.ssh.transport.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Locates the real peers' binaries. A missing one is an {@link AssertionError}: the test fails,
 * it is never skipped, and the message says which Debian package provides the binary.
 */
public final class Peers {

    private static final String OPENSSH_SERVER = "openssh-server";
    private static final String OPENSSH_CLIENT = "openssh-client";
    private static final String DROPBEAR = "dropbear-bin";

    private Peers() {}

    /** OpenSSH's server, always by its absolute path: sshd refuses to re-exec itself otherwise. */
    public static Path sshd() {
        return require("sshd", OPENSSH_SERVER, List.of(Path.of("/usr/sbin/sshd")));
    }

    public static Path ssh() {
        return find("ssh", OPENSSH_CLIENT);
    }

    public static Path sshKeygen() {
        return find("ssh-keygen", OPENSSH_CLIENT);
    }

    public static Path sshKeyscan() {
        return find("ssh-keyscan", OPENSSH_CLIENT);
    }

    public static Path sshAgent() {
        return find("ssh-agent", OPENSSH_CLIENT);
    }

    public static Path sshAdd() {
        return find("ssh-add", OPENSSH_CLIENT);
    }

    public static Path dropbear() {
        return find("dropbear", DROPBEAR);
    }

    public static Path dbclient() {
        return find("dbclient", DROPBEAR);
    }

    public static Path dropbearkey() {
        return find("dropbearkey", DROPBEAR);
    }

    public static Path dropbearconvert() {
        return find("dropbearconvert", DROPBEAR);
    }

    /** Looks in the system directories first, then along {@code PATH}. */
    static Path find(String name, String debianPackage) {
        Set<Path> dirs = new LinkedHashSet<>(List.of(
                Path.of("/usr/bin"), Path.of("/usr/sbin"), Path.of("/usr/lib/dropbear")));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        List<Path> candidates = new ArrayList<>();
        for (Path dir : dirs) {
            candidates.add(dir.resolve(name));
        }
        return require(name, debianPackage, candidates);
    }

    static Path require(String name, String debianPackage, List<Path> candidates) {
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(name + " not found (looked for " + candidates + "): install the Debian"
                + " package " + debianPackage + " (apt-get install -y " + debianPackage + ");"
                + " scripts/test installs the real peers when run as root");
    }
}
