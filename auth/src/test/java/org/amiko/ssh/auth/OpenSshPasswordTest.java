package org.amiko.ssh.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.amiko.ssh.transport.Transport;
import org.amiko.ssh.transport.testing.Command;
import org.amiko.ssh.transport.testing.KeyType;
import org.amiko.ssh.transport.testing.OpenSshd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Password and keyboard-interactive against a real sshd. Both need a local account with a
 * password, so the test creates a dedicated one (amikotest) and removes it afterwards: it must
 * run as root, as CI does. Keyboard-interactive on Linux needs PAM, so this sshd runs with UsePAM yes.
 */
class OpenSshPasswordTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String USER = "amikotest";
    private static final String PASSWORD = "Amiko-test-" + Long.toHexString(new java.security.SecureRandom().nextLong());
    private static OpenSshd sshd;

    @BeforeAll
    static void accountAndSshd() {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new AssertionError("password tests against sshd create a local account and so must run as root (CI does)");
        }
        Command.run(WAIT, List.of("userdel", "-r", USER)); // left over from an aborted run, if any
        Command.run(WAIT, List.of("useradd", "-m", "-s", "/bin/sh", USER)).requireSuccess();
        Command.run(WAIT, List.of("sh", "-c", "echo '" + USER + ":" + PASSWORD + "' | chpasswd")).requireSuccess();
        sshd = OpenSshd.builder().hostKeys(KeyType.ED25519).passwordAuthentication(true)
                .setting("UsePAM", "yes").config("KbdInteractiveAuthentication yes").start();
    }

    @AfterAll
    static void cleanUp() {
        try {
            if (sshd != null) {
                sshd.close();
            }
        } finally {
            Command.run(WAIT, List.of("userdel", "-r", USER));
        }
    }

    private static void login(AuthMethod method) throws IOException {
        try (Transport t = OpenSshAuthTest.connect(sshd)) {
            ClientAuthenticator.authenticate(t, USER, List.of(method), BannerListener.IGNORE, WAIT);
        }
    }

    @Test
    void password() throws IOException {
        login(PasswordAuth.of(PASSWORD));
        sshd.awaitLog("Accepted password for " + USER, WAIT);
    }

    @Test
    void wrongPasswordFailsClearly() {
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> login(PasswordAuth.of("wrong")));
        assertTrue(e.tried().contains("password: refused"), e.tried().toString());
    }

    @Test
    void keyboardInteractive() throws IOException {
        List<String> prompts = new ArrayList<>();
        login(new KeyboardInteractiveAuth((name, instruction, list) -> {
            list.forEach(p -> prompts.add(p.text()));
            return list.stream().map(p -> PASSWORD).toList();
        }));
        assertEquals(1, prompts.size(), prompts.toString());
        assertTrue(prompts.get(0).toLowerCase().contains("password"), prompts.toString());
        sshd.awaitLog("Accepted keyboard-interactive/pam for " + USER, WAIT);
    }
}
