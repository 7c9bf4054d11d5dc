package org.amiko.ssh.auth.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Objects;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.wire.Bytes;

/**
 * A public key in OpenSSH's one-line form, as in {@code .pub} files and after the options of an
 * authorized_keys line (sshd(8) "AUTHORIZED_KEYS FILE FORMAT"): key type, base64 of the key blob
 * (RFC 4253 §6.6), and an optional comment that runs to the end of the line.
 *
 * @param comment never null; empty when the line has none
 */
public record PublicKeyFile(SshPublicKey key, String comment) {

    public PublicKeyFile {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(comment, "comment");
    }

    /** Reads a {@code .pub} file: its first line that is neither blank nor a {@code #} comment. */
    public static PublicKeyFile read(Path file) throws IOException {
        byte[] content = PrivateKeyFiles.readBounded(file, PrivateKeyFiles.MAX_FILE_BYTES);
        String text = new String(content, StandardCharsets.UTF_8);
        for (String line : text.split("\r?\n")) {
            String stripped = line.strip();
            if (!stripped.isEmpty() && !stripped.startsWith("#")) {
                return parse(stripped, file.toString());
            }
        }
        throw new KeyFileException(file.toString(), "no public key in the file");
    }

    /** Parses one line {@code TYPE BASE64 [COMMENT]}; {@code name} is for the error message. */
    public static PublicKeyFile parse(String line, String name) throws KeyFileException {
        try {
            return parse(line);
        } catch (Malformed e) {
            throw new KeyFileException(name, e.getMessage());
        }
    }

    static PublicKeyFile parse(String line) throws Malformed {
        String rest = line.strip();
        if (rest.startsWith("---- BEGIN SSH2 PUBLIC KEY")) {
            throw new Malformed("RFC 4716 public keys are not supported; convert with ssh-keygen -i -f FILE");
        }
        int end = whitespace(rest, 0);
        String type = rest.substring(0, end);
        rest = rest.substring(end).stripLeading();
        end = whitespace(rest, 0);
        String base64 = rest.substring(0, end);
        String comment = rest.substring(end).strip();
        if (base64.isEmpty()) {
            throw new Malformed("expected \"TYPE BASE64 [COMMENT]\", found no key after \"" + Printable.of(type) + "\"");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new Malformed("the key is not valid base64");
        }
        SshPublicKey key;
        try {
            key = SshPublicKey.decode(Bytes.of(blob));
        } catch (ProtocolException e) {
            throw new Malformed(SshPublicKey.KEY_TYPES.contains(type) ? "bad " + type + " key: " + e.getMessage()
                    : "unsupported key type \"" + Printable.of(type) + "\"");
        }
        if (!key.keyType().equals(type)) {
            throw new Malformed("line says " + Printable.of(type) + " but holds a " + key.keyType() + " key");
        }
        return new PublicKeyFile(key, comment);
    }

    /** The index of the first space or tab at or after {@code from}, or the length. */
    static int whitespace(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t') {
                return i;
            }
        }
        return s.length();
    }

    /** {@code TYPE BASE64} and, if there is one, a space and the comment: the line ssh-keygen writes. */
    public String toLine() {
        String line = key.keyType() + " " + Base64.getEncoder().encodeToString(key.blob().toByteArray());
        return comment.isEmpty() ? line : line + " " + comment;
    }

    /** {@code key.pub} beside a private key file {@code key}. */
    public static Path besides(Path privateKeyFile) {
        return privateKeyFile.resolveSibling(privateKeyFile.getFileName() + ".pub");
    }
}
