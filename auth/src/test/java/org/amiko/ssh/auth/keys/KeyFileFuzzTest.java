package org.amiko.ssh.auth.keys;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
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

    @FuzzTest
    void authorizedKeys(FuzzedDataProvider data) {
        String address = data.consumeBoolean() ? "127.0.0.1" : data.consumeString(40);
        AuthorizedKeys keys = AuthorizedKeys.parse(data.consumeRemainingAsString(), "fuzz");
        keys.problems().forEach(Object::toString);
        for (AuthorizedKey k : keys.keys()) {
            KeyRestrictions.of(k).allowsOpen("127.0.0.1", 22);
            KeyRestrictions.of(k).allowsListen("localhost", 8080);
            KeyRestrictions.authorize(k, address, Instant.EPOCH);
            PublicKeyChecker.authorizedKeys(keys).authorize("u", k.key(), address);
        }
    }
}
