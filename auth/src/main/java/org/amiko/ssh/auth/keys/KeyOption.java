package org.amiko.ssh.auth.keys;

import java.util.Locale;
import java.util.Objects;

/**
 * One option of an authorized_keys line (sshd(8) "AUTHORIZED_KEYS FILE FORMAT"): a flag such as
 * {@code no-pty} or {@code restrict}, or a named value such as {@code command="..."}, its quotes
 * removed and {@code \"} unescaped.
 *
 * @param name the option's name in lower case (option names are case-insensitive), e.g. {@code no-x11-forwarding}
 * @param value the unquoted value, or null for a flag
 */
public record KeyOption(String name, String value) {

    public KeyOption {
        Objects.requireNonNull(name, "name");
        name = name.toLowerCase(Locale.ROOT);
    }

    public static KeyOption flag(String name) {
        return new KeyOption(name, null);
    }

    public boolean isFlag() {
        return value == null;
    }

    /** The option as it would be written: {@code name} or {@code name="value"} with quotes escaped. */
    @Override
    public String toString() {
        return value == null ? name : name + "=\"" + value.replace("\"", "\\\"") + "\"";
    }
}
