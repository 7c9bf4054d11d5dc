package org.amiko.ssh.auth.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Internal: the key being read (its name, for messages) and where its passphrase comes from. */
final class KeySource {

    private final String name;
    private final PassphraseProvider provider;

    KeySource(String name, PassphraseProvider provider) {
        this.name = name;
        this.provider = provider;
    }

    String name() {
        return name;
    }

    /** Asks for the passphrase; the caller wipes the array. */
    char[] passphrase() throws IOException {
        char[] p = provider == null ? null : provider.passphrase(name);
        if (p == null) {
            throw new PassphraseCancelledException(name);
        }
        return p;
    }

    /** Asks for the passphrase and returns it as UTF-8 (what OpenSSH and OpenSSL hash); the caller wipes it. */
    byte[] passphraseUtf8() throws IOException {
        char[] p = passphrase();
        try {
            return utf8(p);
        } finally {
            Arrays.fill(p, '\0');
        }
    }

    WrongPassphraseException wrongPassphrase() {
        return new WrongPassphraseException(name);
    }

    /** UTF-8 without an intermediate String, so that the copy can be wiped. */
    static byte[] utf8(char[] chars) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer buffer = null;
        try {
            buffer = encoder.encode(CharBuffer.wrap(chars));
            byte[] out = new byte[buffer.remaining()];
            buffer.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("UTF-8 encoder with REPLACE failed", e);
        } finally {
            if (buffer != null && buffer.hasArray()) {
                Arrays.fill(buffer.array(), (byte) 0);
            }
        }
    }
}
