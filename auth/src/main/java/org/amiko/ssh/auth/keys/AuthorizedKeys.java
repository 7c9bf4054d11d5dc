package org.amiko.ssh.auth.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.amiko.ssh.transport.keys.SshPublicKey;

/**
 * An authorized_keys file (sshd(8) "AUTHORIZED_KEYS FILE FORMAT"): one key per line with optional
 * options before it; blank lines and {@code #} comments ignored. A malformed line, or one with a
 * key type amiko does not support, is kept as a {@link Problem} with its line number and does not
 * stop the rest of the file from being read, as in sshd.
 */
public final class AuthorizedKeys {

    /** A line that could not be used, and why. */
    public record Problem(int lineNumber, String reason) {
        @Override
        public String toString() {
            return "line " + lineNumber + ": " + reason;
        }
    }

    /** Key types sshd knows that amiko does not use: a line starting with one has no options. */
    private static final Set<String> OTHER_KEY_TYPES = Set.of(
            "ssh-dss", "sk-ecdsa-sha2-nistp256@openssh.com", "sk-ssh-ed25519@openssh.com");

    /** Larger files are refused: sshd's lines are at most 8 KiB, and nobody has thousands. */
    public static final int MAX_FILE_BYTES = 16 << 20;

    private final String name;
    private final List<AuthorizedKey> keys;
    private final List<Problem> problems;

    private AuthorizedKeys(String name, List<AuthorizedKey> keys, List<Problem> problems) {
        this.name = name;
        this.keys = List.copyOf(keys);
        this.problems = List.copyOf(problems);
    }

    public static AuthorizedKeys read(Path file) throws IOException {
        byte[] content = PrivateKeyFiles.readBounded(file, MAX_FILE_BYTES);
        return parse(new String(content, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses the content of an authorized_keys file; {@code name} is kept for messages. */
    public static AuthorizedKeys parse(String content, String name) {
        List<AuthorizedKey> keys = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            try {
                AuthorizedKey key = parseLine(lines[i], lineNumber);
                if (key != null) {
                    keys.add(key);
                }
            } catch (Malformed e) {
                problems.add(new Problem(lineNumber, e.getMessage()));
            }
        }
        return new AuthorizedKeys(name, keys, problems);
    }

    /**
     * One line (without its line break); null for a blank or comment line.
     *
     * @throws KeyFileException naming the line when it is malformed
     */
    public static AuthorizedKey parseLine(String line, int lineNumber, String name) throws KeyFileException {
        try {
            return parseLine(line, lineNumber);
        } catch (Malformed e) {
            throw new KeyFileException(name, "line " + lineNumber + ": " + e.getMessage());
        }
    }

    static AuthorizedKey parseLine(String line, int lineNumber) throws Malformed {
        String rest = stripLeadingBlanks(line);
        if (rest.isEmpty() || rest.startsWith("#")) {
            return null;
        }
        List<KeyOption> options = List.of();
        // auth2-pubkeyfile.c: if the line does not start with a key type, it starts with options
        String first = rest.substring(0, PublicKeyFile.whitespace(rest, 0));
        if (!isKeyType(first)) {
            int end = KeyOptionsParser.end(rest);
            options = KeyOptionsParser.parse(rest.substring(0, end));
            rest = stripLeadingBlanks(rest.substring(end));
            if (rest.isEmpty()) {
                throw new Malformed("no key after the options");
            }
            first = rest.substring(0, PublicKeyFile.whitespace(rest, 0));
            if (!isKeyType(first)) {
                throw new Malformed("no key after the options: \"" + Printable.of(first) + "\" is not a key type");
            }
        }
        if (!SshPublicKey.KEY_TYPES.contains(first)) {
            throw new Malformed("unsupported key type \"" + Printable.of(first) + "\"");
        }
        PublicKeyFile key = PublicKeyFile.parse(rest);
        return new AuthorizedKey(lineNumber, options, key.key(), key.comment());
    }

    private static boolean isKeyType(String token) {
        return SshPublicKey.KEY_TYPES.contains(token) || OTHER_KEY_TYPES.contains(token)
                || token.endsWith("-cert-v01@openssh.com");
    }

    private static String stripLeadingBlanks(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return s.substring(i);
    }

    /** The file name, or the name given to {@link #parse}. */
    public String name() {
        return name;
    }

    /** The usable key lines, in file order. */
    public List<AuthorizedKey> keys() {
        return keys;
    }

    /** The lines that could not be used, in file order. */
    public List<Problem> problems() {
        return problems;
    }

    /** Every line authorizing {@code key} (sshd takes the first; options differ between lines). */
    public List<AuthorizedKey> find(SshPublicKey key) {
        return keys.stream().filter(k -> k.key().equals(key)).toList();
    }
}
