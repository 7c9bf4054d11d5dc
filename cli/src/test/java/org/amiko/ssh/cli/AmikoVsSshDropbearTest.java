package org.amiko.ssh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.amiko.ssh.transport.testing.Command;
import org.amiko.ssh.transport.testing.Dropbear;
import org.amiko.ssh.transport.testing.KeyType;
import org.amiko.ssh.transport.testing.Peers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/amiko beside ssh against dropbear, logging in by password (SSH_ASKPASS) as a dedicated test account. */
class AmikoVsSshDropbearTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String USER = "amikoclitest";
    private static final String PASSWORD = "Cli-pass-2718";

    @TempDir
    static Path dir;
    private static Dropbear dropbear;

    @BeforeAll
    static void start() {
        Command.run(WAIT, List.of("userdel", "-r", USER));
        Command.run(WAIT, List.of("useradd", "-m", "-s", "/bin/sh", USER)).requireSuccess();
        Command.run(WAIT, List.of("sh", "-c", "echo '" + USER + ":" + PASSWORD + "' | chpasswd")).requireSuccess();
        dropbear = Dropbear.builder().hostKeys(KeyType.ED25519).start();
    }

    @AfterAll
    static void stop() {
        if (dropbear != null) {
            dropbear.close();
        }
        Command.run(WAIT, List.of("userdel", "-r", USER));
    }

    @Test
    void passwordLoginCommandsAndExitStatuses() throws Exception {
        Path known = Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + dropbear.port() + " "
                + dropbear.hostKey(KeyType.ED25519).publicKeyLine() + "\n");
        Path askpass = dir.resolve("askpass");
        Files.writeString(askpass, "#!/bin/sh\necho '" + PASSWORD + "'\n");
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
        for (String command : List.of("echo $USER", "exit 9", "head -c 5000000 /dev/zero | wc -c")) {
            List<String> args = List.of("-F", "none", "-o", "UserKnownHostsFile=" + known, "-o", "StrictHostKeyChecking=yes",
                    "-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password",
                    "-p", Integer.toString(dropbear.port()), USER + "@127.0.0.1", command);
            List<String> env = List.of("env", "SSH_ASKPASS=" + askpass, "SSH_ASKPASS_REQUIRE=force", "DISPLAY=:0");
            List<String> ssh = new ArrayList<>(env);
            ssh.add(Peers.ssh().toString());
            ssh.addAll(args);
            List<String> amiko = new ArrayList<>(env);
            amiko.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), Amiko.class.getName()));
            amiko.addAll(args);
            Command.Result theirs = Command.run(WAIT, ssh);
            Command.Result ours = Command.run(WAIT, amiko);
            assertEquals(theirs.exitCode(), ours.exitCode(), command + ": ssh " + theirs.stderr() + " / amiko " + ours.stderr());
            assertEquals(theirs.stdout(), ours.stdout(), command);
        }
    }
}
