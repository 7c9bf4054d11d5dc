package org.amiko.ssh.knownhosts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.amiko.ssh.transport.testing.KeyType;
import org.amiko.ssh.transport.testing.SshKeygen;

/**
 * Keys made by the real {@code ssh-keygen} (a missing one fails the test, naming openssh-client),
 * one of each type the tests need, in a directory the test owns.
 */
final class TestKeys {

    /** A public key as a .pub file gives it. */
    record Pub(String type, String base64, Path privateKey) {
        byte[] blob() {
            return Base64.getDecoder().decode(base64);
        }

        /** {@code type base64}, as known_hosts writes a key. */
        String text() {
            return type + " " + base64;
        }
    }

    private final Path dir;
    private final Map<String, Pub> keys = new LinkedHashMap<>();

    TestKeys(Path dir) {
        this.dir = dir;
    }

    /** A fresh key named {@code name} of {@code type} (ed25519, ecdsa256, ecdsa384, ecdsa521, rsa). */
    Pub get(String name, KeyType type) {
        return keys.computeIfAbsent(name, n -> {
            Path file = dir.resolve(n);
            return parsePub(SshKeygen.generate(file, type), file);
        });
    }

    Pub ed25519(String name) {
        return get(name, KeyType.ED25519);
    }

    /** A small RSA key: OpenSSH's minimum of 1024 bits is enough for tests and fast to make. */
    Pub rsa(String name) {
        return get(name, new KeyType("rsa", 1024));
    }

    static Pub parsePub(String line, Path privateKey) {
        String[] f = line.strip().split(" ");
        return new Pub(f[0], f[1], privateKey);
    }

    static Pub readPub(Path pubFile) {
        try {
            return parsePub(Files.readString(pubFile, StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }
}
