package org.amiko.ssh.auth.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.amiko.ssh.transport.keys.HostKey;
import org.amiko.ssh.transport.keys.SshPublicKey;

/**
 * Private key files, as OpenSSH and OpenSSL write them. Reads openssh-key-v1 (OpenSSH
 * PROTOCOL.key, unencrypted or encrypted with bcrypt_pbkdf), PEM PKCS#1 RSA, SEC1 EC and PKCS#8
 * (plain and PBES2-encrypted), and legacy DEK-Info encrypted PEM; key types Ed25519, ECDSA on
 * P-256/384/521 and RSA of at least 2048 bits. Writes openssh-key-v1 and {@code .pub} files as
 * {@code ssh-keygen} does.
 *
 * <p>A passphrase is asked for only when the key is encrypted; a wrong one is a {@link
 * WrongPassphraseException}. Every other problem with the content is a {@link KeyFileException}
 * naming the file and the reason.
 */
public final class PrivateKeyFiles {

    /** Larger files are refused before they are read: the largest RSA key file is a few KiB. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    private PrivateKeyFiles() {
    }

    /**
     * Reads a private key file, detecting its format; asks {@code passphrase} only if the key is
     * encrypted.
     *
     * @throws UnprotectedKeyFileException when the file is ours and group or others may access it
     *     (OpenSSH's sshkey_perm_ok: such a key is refused, not used with a warning)
     */
    public static KeyPair read(Path file, PassphraseProvider passphrase) throws IOException {
        Object before = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        byte[] content = readBounded(file, MAX_FILE_BYTES);
        Object after = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        if (before != null && !before.equals(after)) {
            throw new KeyFileException(file.toString(), "the file was replaced while it was read");
        }
        try {
            checkPermissions(file);
        } catch (UnprotectedKeyFileException open) {
            String text = new String(content, StandardCharsets.ISO_8859_1).strip();
            String what = notPem(text);
            if (!text.startsWith("-----BEGIN") && what.startsWith("this is a public key")) {
                throw new KeyFileException(file.toString(), what); // what it is matters more than its mode
            }
            throw open;
        }
        return parse(content, file.toString(), passphrase);
    }

    /** As OpenSSH: a file owned by the user running us must not be accessible to group or others. */
    static void checkPermissions(Path file) throws IOException {
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException notPosix) {
            return; // no POSIX modes on this file system: nothing to check
        }
        String me = System.getProperty("user.name");
        if (!Files.getOwner(file).getName().equals(me)) {
            return; // OpenSSH checks only the user's own files
        }
        boolean open = mode.stream().anyMatch(p -> p != PosixFilePermission.OWNER_READ && p != PosixFilePermission.OWNER_WRITE
                && p != PosixFilePermission.OWNER_EXECUTE);
        if (open) {
            throw new UnprotectedKeyFileException(file.toString(), octal(mode));
        }
    }

    private static String octal(Set<PosixFilePermission> mode) {
        int bits = 0;
        for (PosixFilePermission p : mode) {
            bits |= 0400 >> p.ordinal();
        }
        return String.format("%04o", bits);
    }

    /** A {@link Signer} for the key in a file, described by the file name. */
    public static Signer signer(Path file, PassphraseProvider passphrase) throws IOException {
        return new KeyPairSigner(read(file, passphrase), file.toString());
    }

    /**
     * Parses the content of a private key file.
     *
     * @param name what to call the key in messages and passphrase prompts (usually the file name)
     * @throws WrongPassphraseException when the passphrase does not decrypt the key
     * @throws PassphraseCancelledException when the key is encrypted and the provider answers null
     * @throws KeyFileException when the content is not a usable private key
     * @throws IOException what the passphrase provider throws
     */
    public static KeyPair parse(byte[] content, String name, PassphraseProvider passphrase) throws IOException {
        KeySource source = new KeySource(name, passphrase);
        try {
            KeyPair pair = decode(content, source);
            checkPair(pair);
            return pair;
        } catch (Malformed e) {
            throw new KeyFileException(name, e.getMessage());
        }
    }

    private static KeyPair decode(byte[] content, KeySource source) throws Malformed, IOException {
        // ISO-8859-1 maps every byte to one char, so any content becomes text without decoding errors.
        String text = new String(content, StandardCharsets.ISO_8859_1);
        if (!Pem.looksLikePem(text)) {
            throw new Malformed(notPem(text.stripLeading()));
        }
        List<Pem.Block> blocks = Pem.parse(text);
        Pem.Block block = blocks.stream().filter(b -> b.label().endsWith("PRIVATE KEY")).findFirst()
                .orElseThrow(() -> new Malformed("no private key in the file (PEM blocks: "
                        + blocks.stream().map(b -> Printable.of(b.label())).collect(Collectors.joining(", ")) + ")"));
        String label = block.label();
        if (label.equals(OpenSshKeyV1.PEM_LABEL)) {
            return OpenSshKeyV1.decode(block.body(), source).pair();
        }
        if (PemKeys.handles(label)) {
            return PemKeys.decode(block, source);
        }
        if (label.equals("DSA PRIVATE KEY")) {
            throw new Malformed("DSA keys are not supported (OpenSSH no longer accepts them either)");
        }
        throw new Malformed("unsupported key file format \"" + Printable.of(label) + "\"");
    }

    private static String notPem(String text) {
        if (text.startsWith("PuTTY-User-Key-File-")) {
            return "PuTTY keys are not supported; convert with: puttygen KEY -O private-openssh -o KEY.openssh";
        }
        if (text.startsWith("---- BEGIN SSH2")) {
            return "RFC 4716 (SSH.com) key files are not supported; convert with ssh-keygen -i";
        }
        int space = text.indexOf(' ');
        if (space > 0 && SshPublicKey.KEY_TYPES.contains(text.substring(0, space))) {
            return "this is a public key (a .pub file), not a private key";
        }
        return "not a private key file (no PEM \"-----BEGIN\" line)";
    }

    /** The JCA made the keys from the file's numbers; a trial signature shows that they belong together. */
    private static void checkPair(KeyPair pair) throws Malformed {
        try {
            HostKey.of(pair);
        } catch (IllegalArgumentException e) {
            throw new Malformed("the private key does not match its public key: " + e.getMessage());
        }
    }

    /**
     * Writes a key pair in openssh-key-v1 form to {@code file} (mode 600) and its public key to
     * {@code file.pub} (mode 644), each replacing any file there. With a non-empty passphrase the
     * key is encrypted as ssh-keygen does it: bcrypt_pbkdf with 16 rounds, aes256-ctr. The
     * passphrase array is neither kept nor changed; the caller wipes it.
     *
     * @throws IllegalArgumentException for a key SSH cannot use, or a comment with a line break
     */
    public static void writeOpenSsh(Path file, KeyPair pair, String comment, char[] passphraseOrNull) throws IOException {
        String safeComment = comment == null ? "" : comment;
        if (safeComment.indexOf('\n') >= 0 || safeComment.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a key comment cannot contain a line break");
        }
        SshPublicKey publicKey = SshPublicKey.of(pair.getPublic());
        String privateText = OpenSshKeyV1.write(pair, safeComment, passphraseOrNull, new SecureRandom());
        KeyFileWriter.write(file, privateText.getBytes(StandardCharsets.US_ASCII), KeyFileWriter.PRIVATE);
        String publicLine = new PublicKeyFile(publicKey, safeComment).toLine() + "\n";
        KeyFileWriter.write(PublicKeyFile.besides(file), publicLine.getBytes(StandardCharsets.UTF_8), KeyFileWriter.PUBLIC);
    }

    /**
     * A fresh key pair of an SSH key type: {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256/384/521},
     * or {@code ssh-rsa} ({@value HostKey#RSA_BITS} bits, ssh-keygen's default).
     *
     * @throws IllegalArgumentException for any other key type
     */
    public static KeyPair generate(String keyType, SecureRandom random) {
        return HostKey.generateKeyPair(keyType, random);
    }

    /** At most {@code max} bytes of a file; a larger file is a {@link KeyFileException}. */
    static byte[] readBounded(Path file, int max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes(max + 1);
            if (content.length > max) {
                throw new KeyFileException(file.toString(), "larger than " + max + " bytes: not a key file");
            }
            return content;
        }
    }
}
