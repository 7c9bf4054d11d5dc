package org.amiko.ssh.knownhosts;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Objects;

/**
 * One key found in a known_hosts file, with where it was found, so a user can be told what OpenSSH
 * would tell them: the key type, the key (base64 as in the file), its {@code SHA256:} fingerprint,
 * the file and line number, the line's marker and its comment (empty when none).
 */
public record KnownKey(String keyType, String keyBase64, String fingerprint, Path file, long line, Marker marker, String comment) {

    public KnownKey {
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(keyBase64, "keyBase64");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(marker, "marker");
        Objects.requireNonNull(comment, "comment");
    }

    static KnownKey of(KnownHostsLine.Entry entry, Path file) {
        return new KnownKey(entry.keyType(), entry.keyBase64(), Fingerprint.sha256(entry.key().blob()), file,
                entry.lineNumber(), entry.marker(), entry.comment());
    }

    /** The decoded key blob. */
    public byte[] keyBlob() {
        return Base64.getDecoder().decode(keyBase64);
    }

    /** {@code file:line}, as OpenSSH names an offending line. */
    public String location() {
        return file + ":" + line;
    }
}
