package org.amiko.ssh.auth.keys;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.amiko.ssh.auth.server.KeyRestrictions;
import org.amiko.ssh.auth.server.PublicKeyChecker;
import org.amiko.ssh.transport.testing.FuzzChecks;

/**
 * Key files are input too: private key files of every format (openssh-key-v1 plain and
 * encrypted, PEM, PKCS#8, legacy DEK-Info), public key files and authorized_keys files with their
 * options. A key, a typed KeyFileException, or a typed problem line; nothing else, and no KDF
 * that runs for ever.
 */
class KeyFileFuzzTest {

    @FuzzTest
    void privateKeyFile(byte[] content) {
        try {
            PrivateKeyFiles.parse(content, "fuzz", PassphraseProvider.of("secret".toCharArray()));
        } catch (KeyFileException e) {
            FuzzChecks.expected(e);
        } catch (IOException e) {
            FuzzChecks.expected(e); // a wrong passphrase, a cancelled prompt: typed
        }
    }

    @FuzzTest
    void publicKeyFile(byte[] content) {
        try {
            PublicKeyFile.parse(new String(content, StandardCharsets.UTF_8), "fuzz");
        } catch (KeyFileException e) {
            FuzzChecks.expected(e);
        }
    }

    /** An authorized_keys file, its keys' options applied for a few client addresses. */
    @FuzzTest
    void authorizedKeys(byte[] content) {
        AuthorizedKeys keys = AuthorizedKeys.parse(new String(content, StandardCharsets.UTF_8), "fuzz");
        keys.problems().forEach(Object::toString);
        for (AuthorizedKey k : keys.keys()) {
            KeyRestrictions r = KeyRestrictions.of(k);
            r.allowsOpen("127.0.0.1", 22);
            r.allowsListen("localhost", 8080);
            r.and(KeyRestrictions.of(k));
            for (String address : new String[] {"127.0.0.1", "192.0.2.7", "2001:db8::1", "example.com"}) {
                KeyRestrictions.authorize(k, address, Instant.EPOCH);
                PublicKeyChecker.authorizedKeys(keys).authorize("u", k.key(), address);
            }
        }
    }
}
