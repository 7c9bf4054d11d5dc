package org.amiko.ssh.auth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.testing.SshKeygen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** authorized_keys lines, by sshd(8)'s rules: each line written out, each option checked exactly. */
class AuthorizedKeysTest {

    private static final SshPublicKey ED = key(SshPublicKey.SSH_ED25519);
    private static final SshPublicKey EC = key(SshPublicKey.ECDSA_SHA2_NISTP256);
    private static final String ED_KEY = new PublicKeyFile(ED, "").toLine();
    private static final String EC_KEY = new PublicKeyFile(EC, "").toLine();

    private static SshPublicKey key(String type) {
        return SshPublicKey.of(PrivateKeyFiles.generate(type, new SecureRandom()).getPublic());
    }

    private static AuthorizedKey line(String text) throws Malformed {
        return AuthorizedKeys.parseLine(text, 1);
    }

    @Test
    void aKeyWithoutOptions() throws Exception {
        AuthorizedKey k = line(ED_KEY + " alice@example.org");
        assertEquals(List.of(), k.options());
        assertEquals(ED, k.key());
        assertEquals("alice@example.org", k.comment());
    }

    @Test
    void aCommentMayHoldSpacesAndTabsSeparateTheFields() throws Exception {
        AuthorizedKey k = line("\t " + ED_KEY.replace(' ', '\t') + "\t my laptop (2024) ");
        assertEquals(ED, k.key());
        assertEquals("my laptop (2024)", k.comment());
        assertEquals("", line(ED_KEY).comment());
    }

    @Test
    void commandWithEscapedQuotesSpacesAndCommas() throws Exception {
        AuthorizedKey k = line("command=\"echo \\\"hi, there\\\"; ls -l /srv\",no-pty " + ED_KEY + " backup");
        assertEquals(List.of(
                new KeyOption("command", "echo \"hi, there\"; ls -l /srv"),
                KeyOption.flag("no-pty")), k.options());
        assertEquals(Optional.of("echo \"hi, there\"; ls -l /srv"), k.value("command"));
        assertTrue(k.has("no-pty"));
        assertTrue(k.has("NO-PTY"));
        assertEquals("backup", k.comment());
    }

    @Test
    void aBackslashNotBeforeAQuoteIsItself() throws Exception {
        AuthorizedKey k = line("command=\"printf 'a\\\\b\\n'\" " + ED_KEY);
        assertEquals("printf 'a\\\\b\\n'", k.value("command").orElseThrow());
    }

    @Test
    void restrictThenPermissionsInFileOrderWithRepeatedValues() throws Exception {
        AuthorizedKey k = line("restrict,port-forwarding,permitopen=\"localhost:80\",permitopen=\"[::1]:22\","
                + "from=\"10.0.0.*,!10.0.0.5\",environment=\"LANG=C.UTF-8\",expiry-time=\"20300101\" " + EC_KEY);
        assertEquals(List.of(
                KeyOption.flag("restrict"),
                KeyOption.flag("port-forwarding"),
                new KeyOption("permitopen", "localhost:80"),
                new KeyOption("permitopen", "[::1]:22"),
                new KeyOption("from", "10.0.0.*,!10.0.0.5"),
                new KeyOption("environment", "LANG=C.UTF-8"),
                new KeyOption("expiry-time", "20300101")), k.options());
        assertEquals(List.of("localhost:80", "[::1]:22"), k.values("permitopen"));
        assertEquals(EC, k.key());
    }

    @Test
    void optionNamesAreCaseInsensitiveAndKeptInLowerCase() throws Exception {
        AuthorizedKey k = line("No-X11-Forwarding,COMMAND=\"true\",Cert-Authority " + ED_KEY);
        assertEquals(List.of(KeyOption.flag("no-x11-forwarding"), new KeyOption("command", "true"),
                KeyOption.flag("cert-authority")), k.options());
    }

    @Test
    void everyFlagSshdKnows() throws Exception {
        String flags = "agent-forwarding,no-agent-forwarding,port-forwarding,no-port-forwarding,pty,no-pty,"
                + "user-rc,no-user-rc,x11-forwarding,no-x11-forwarding,touch-required,no-touch-required,"
                + "verify-required,cert-authority,restrict";
        AuthorizedKey k = line(flags + " " + ED_KEY);
        assertEquals(Arrays.asList(flags.split(",")), k.options().stream().map(KeyOption::name).toList());
        assertTrue(k.options().stream().allMatch(KeyOption::isFlag));
    }

    @Test
    void optionsPrintBackAsWritten() throws Exception {
        AuthorizedKey k = line("command=\"say \\\"x\\\"\",no-pty " + ED_KEY);
        assertEquals("command=\"say \\\"x\\\"\"", k.options().get(0).toString());
        assertEquals("no-pty", k.options().get(1).toString());
    }

    @Test
    void blankAndCommentLinesAreNotKeys() throws Exception {
        assertNull(line(""));
        assertNull(line("   \t"));
        assertNull(line("# ssh-ed25519 AAAA"));
        assertNull(line("  # indented comment"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "no-ptyx KEY                      | unknown option \"no-ptyx\"",
            "no-pty=\"x\" KEY                 | option \"no-pty\" takes no value",
            "command=echo KEY                 | value of \"command\" has no opening quote",
            "command=\"echo KEY               | options have an unterminated quote",
            "command KEY                      | option \"command\" needs a value",
            "no-pty, KEY                      | options end with \",\"",
            "no-pty,,restrict KEY             | empty option after \",\"",
            "command=\"a\"x KEY               | unexpected \"x\" after option \"command\"",
            "command=\"a\",command=\"b\" KEY  | multiple \"command\" options",
            "from=\"a\",from=\"b\" KEY        | multiple \"from\" options",
            "environment=\"NOEQUALS\" KEY     | environment=\"NOEQUALS\" is not NAME=value",
            "no-pty                           | no key after the options",
            "no-pty ssh-foo AAAA              | no key after the options: \"ssh-foo\" is not a key type",
            "ssh-dss AAAAB3NzaC1kc3M=         | unsupported key type \"ssh-dss\"",
            "restrict sk-ssh-ed25519@openssh.com AAAA | unsupported key type \"sk-ssh-ed25519@openssh.com\"",
            "ssh-ed25519 AAAA!!!!             | the key is not valid base64",
            "ssh-ed25519                      | expected \"TYPE BASE64 [COMMENT]\", found no key after \"ssh-ed25519\"",
    })
    void malformedLinesSayWhy(String text, String reason) {
        Malformed e = assertThrows(Malformed.class, () -> line(text.replace("KEY", ED_KEY)));
        assertEquals(reason, e.getMessage());
    }

    @Test
    void aKeyUnderAnotherTypeNameIsRefused() {
        String mislabelled = ED_KEY.replace(SshPublicKey.SSH_ED25519, SshPublicKey.SSH_RSA);
        assertEquals("line says ssh-rsa but holds a ssh-ed25519 key",
                assertThrows(Malformed.class, () -> line(mislabelled)).getMessage());
    }

    @Test
    void aFileKeepsGoingPastBadLinesAndNumbersThem() throws Exception {
        String file = String.join("\r\n",
                "# keys of the backup host",
                "",
                "command=\"/usr/bin/backup\",restrict " + ED_KEY + " backup",
                "bogus-option " + EC_KEY,
                "  " + EC_KEY + " alice",
                "ssh-rsa AAAA",
                "");
        AuthorizedKeys keys = AuthorizedKeys.parse(file, "authorized_keys");
        assertEquals(List.of(3, 5), keys.keys().stream().map(AuthorizedKey::lineNumber).toList());
        assertEquals(List.of(
                new AuthorizedKeys.Problem(4, "unknown option \"bogus-option\""),
                new AuthorizedKeys.Problem(6, "bad ssh-rsa key: uint32 needs 4 bytes, 3 remain")),
                keys.problems());
        assertEquals("line 4: unknown option \"bogus-option\"", keys.problems().get(0).toString());
        assertEquals("alice", keys.find(EC).get(0).comment());
        assertEquals(Optional.of("/usr/bin/backup"), keys.find(ED).get(0).value("command"));
        assertEquals(List.of(), keys.find(key(SshPublicKey.SSH_ED25519)));

        KeyFileException e = assertThrows(KeyFileException.class, () -> AuthorizedKeys.parseLine("bogus " + ED_KEY, 7, "f"));
        assertEquals("f: line 7: unknown option \"bogus\"", e.getMessage());
    }

    /** ssh-keygen -l reads an authorized_keys file too (skipping the options): it finds the same keys. */
    @Test
    void sshKeygenFindsTheSameKeys(@TempDir Path dir) throws Exception {
        String text = String.join("\n",
                "restrict,command=\"uptime\" " + ED_KEY + " one",
                EC_KEY + " two",
                "from=\"192.0.2.*\",no-pty\t" + ED_KEY,
                "");
        Path file = dir.resolve("authorized_keys");
        Files.writeString(file, text);
        AuthorizedKeys ours = AuthorizedKeys.read(file);
        assertEquals(List.of(), ours.problems());
        List<String> theirs = SshKeygen.run(dir, "-l", "-E", "sha256", "-f", file.toString()).lines()
                .map(l -> l.split(" ")[1]).toList();
        assertEquals(ours.keys().stream().map(k -> k.key().sha256Fingerprint()).toList(), theirs);
    }
}
