package org.amiko.ssh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.amiko.ssh.auth.message.UserAuthInfoRequest;
import org.amiko.ssh.auth.server.KeyboardInteractiveChallenge;
import org.amiko.ssh.testserver.Knobs;
import org.amiko.ssh.testserver.TestServer;
import org.amiko.ssh.transport.testing.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text from the server reaches bin/amiko's terminal only made safe, as OpenSSH's strnvis does:
 * no escape sequence, carriage return, bell or bidirectional override gets through.
 */
class TerminalTextTest {

    /** Clears the screen, sets the window title, rings, overwrites the line, reverses what follows. */
    private static final String HOSTILE = "\u001b[2J\u001b]0;pwned\u0007ok\rfake prompt\u202Egnp.exe\u009b31m";

    @TempDir
    Path dir;

    @Test
    void controlsEscapesAndOverridesBecomeOctal() {
        assertEquals("\\033[2J\\033]0;pwned\\007ok\\015fake prompt\\342\\200\\256gnp.exe\\302\\23331m",
                TerminalText.safe(HOSTILE, true));
        assertEquals("line one\n\tline two", TerminalText.safe("line one\n\tline two", true));
        assertEquals("caf\u00e9 \u65e5\u672c \u0411", TerminalText.safe("caf\u00e9 \u65e5\u672c \u0411", true),
                "printable letters of any script pass to a UTF-8 terminal");
        assertEquals("a\\\\033b", TerminalText.safe("a\\033b", true), "a backslash is doubled, so an escape cannot be forged");
        assertEquals("\\000\\177\\342\\200\\213", TerminalText.safe("\u0000\u007f\u200b", true));
    }

    /** Where stderr is not UTF-8, a letter could come out as an 8-bit control: everything but ASCII is escaped. */
    @Test
    void withoutUtf8EveryNonAsciiCharacterIsEscaped() {
        assertEquals("caf\\303\\251 \\342\\200\\272", TerminalText.safe("caf\u00e9 \u203a", false));
        assertEquals("plain text\n", TerminalText.safe("plain text\n", false));
    }

    @Test
    void bannersAndPromptsReachTheTerminalSafe() throws Exception {
        KeyboardInteractiveChallenge challenge = KeyboardInteractiveChallenge.fixed(new UserAuthInfoRequest(
                "name" + HOSTILE, "instruction" + HOSTILE, "", List.of(new UserAuthInfoRequest.Prompt("Code" + HOSTILE + ": ", false))),
                List.of("424242"));
        try (TestServer server = TestServer.builder().keyboardInteractive(challenge).user("u", "unused")
                .knobs(Knobs.builder().banner("Welcome" + HOSTILE + "\n").build()).start()) {
            Path knownHosts = server.writeKnownHosts(dir.resolve("known_hosts"));
            Path asked = dir.resolve("asked");
            Path askpass = dir.resolve("askpass");
            Files.writeString(askpass, "#!/bin/sh\nprintf '%s' \"$1\" >> '" + asked + "'\necho 424242\n");
            Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
            List<String> argv = new java.util.ArrayList<>(List.of("env", "SSH_ASKPASS=" + askpass, "SSH_ASKPASS_REQUIRE=force",
                    "DISPLAY=:0", java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Amiko.class.getName(), "-F", "none",
                    "-o", "UserKnownHostsFile=" + knownHosts, "-o", "IdentityAgent=none", "-o", "PubkeyAuthentication=no",
                    "-o", "PreferredAuthentications=keyboard-interactive", "-p", Integer.toString(server.port()),
                    "u@127.0.0.1", "echo in"));
            Command.Result r = Command.run(Duration.ofSeconds(60), argv);
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals("in\n", r.stdout());
            assertFalse(r.stderr().contains("\u001b") || r.stderr().contains("\r") || r.stderr().contains("\u202e")
                    || r.stderr().contains("\u0007"), r.stderr());
            assertTrue(r.stderr().contains("Welcome\\033[2J"), r.stderr());
            assertTrue(r.stderr().contains("name\\033[2J") && r.stderr().contains("instruction\\033[2J"), r.stderr());
            String prompt = Files.readString(asked);
            assertTrue(prompt.startsWith("Code\\033[2J") && !prompt.contains("\u001b"), prompt);
        }
    }
}
