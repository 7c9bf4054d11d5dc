package org.amiko.ssh.auth.keys;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.amiko.ssh.transport.keys.SshPublicKey;

/**
 * One key line of an authorized_keys file (sshd(8) "AUTHORIZED_KEYS FILE FORMAT"): its options in
 * file order, the key, the comment.
 *
 * @param lineNumber 1-based
 * @param comment never null; empty when the line has none
 */
public record AuthorizedKey(int lineNumber, List<KeyOption> options, SshPublicKey key, String comment) {

    public AuthorizedKey {
        options = List.copyOf(options);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(comment, "comment");
    }

    /** True if a flag (e.g. {@code restrict}, {@code no-pty}) or a valued option of this name is present; case-insensitive. */
    public boolean has(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return options.stream().anyMatch(o -> o.name().equals(n));
    }

    /** The value of the first option of this name (e.g. {@code command}, {@code from}). */
    public Optional<String> value(String name) {
        return values(name).stream().findFirst();
    }

    /** Every value of an option that may repeat ({@code environment}, {@code permitopen}, {@code permitlisten}), in order. */
    public List<String> values(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return options.stream().filter(o -> o.name().equals(n) && !o.isFlag()).map(KeyOption::value).toList();
    }
}
