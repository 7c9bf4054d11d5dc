package org.amiko.ssh.client.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes configs into a temporary home and resolves them with a fixed local user, {@code me}. */
final class Configs {

    static final String LOCAL_USER = "me";

    final Path home;
    final Path file;

    Configs(Path home) throws IOException {
        this.home = home;
        this.file = home.resolve(".ssh").resolve("config");
        Files.createDirectories(file.getParent());
    }

    /** Writes {@code text} as ~/.ssh/config and resolves {@code host} with these -o options. */
    HostConfig resolve(String text, String host, String... options) throws IOException {
        Files.writeString(file, text);
        return SshConfig.load(file, home, LOCAL_USER).resolve(host, List.of(options));
    }

    /** The exception resolving must end with, for assertions on its message. */
    SshConfigException failure(String text, String host, String... options) throws IOException {
        Files.writeString(file, text);
        return assertThrows(SshConfigException.class,
                () -> SshConfig.load(file, home, LOCAL_USER).resolve(host, List.of(options)));
    }

    /** Writes a file under the home (parents created) and returns its path. */
    Path write(String relative, String text) throws IOException {
        Path p = home.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }
}
