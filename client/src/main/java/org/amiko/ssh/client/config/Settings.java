package org.amiko.ssh.client.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values collected while one host is resolved: the first value obtained for a keyword wins,
 * as in ssh(1); IdentityFile accumulates instead. Each value keeps the line it came from, so a
 * problem found later can still be reported with its location. Confined to one resolve call.
 */
final class Settings {

    /** A parsed value and the line that gave it. */
    record Setting(Object value, ConfigLine line) {
    }

    private final Map<Keyword, Setting> first = new EnumMap<>(Keyword.class);
    private final List<Setting> identityFiles = new ArrayList<>();

    /** Keeps {@code value} unless the keyword already has one. */
    void offer(Keyword keyword, Object value, ConfigLine line) {
        first.putIfAbsent(keyword, new Setting(value, line));
    }

    /** Adds an IdentityFile unless the same text was given before (ssh(1) ignores duplicates). */
    void addIdentityFile(String raw, ConfigLine line) {
        for (Setting s : identityFiles) {
            if (s.value().equals(raw)) {
                return;
            }
        }
        identityFiles.add(new Setting(raw, line));
    }

    Optional<Setting> get(Keyword keyword) {
        return Optional.ofNullable(first.get(keyword));
    }

    /** The value for a keyword, or {@code fallback} when none was obtained. */
    <T> T value(Keyword keyword, Class<T> type, T fallback) {
        Setting s = first.get(keyword);
        return s == null ? fallback : type.cast(s.value());
    }

    List<Setting> identityFiles() {
        return List.copyOf(identityFiles);
    }
}
