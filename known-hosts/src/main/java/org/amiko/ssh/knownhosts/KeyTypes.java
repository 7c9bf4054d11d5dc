package org.amiko.ssh.knownhosts;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The public key types OpenSSH 9.2 reads in known_hosts ({@code ssh -Q key}): plain keys and their
 * {@code -cert-v01@openssh.com} certificates. A line of any other type is reported and skipped, as
 * OpenSSH skips it (hostfile.c: a key it cannot parse makes the line invalid).
 */
final class KeyTypes {

    static final String ED25519 = "ssh-ed25519";
    static final String SK_ED25519 = "sk-ssh-ed25519@openssh.com";
    static final String ECDSA_256 = "ecdsa-sha2-nistp256";
    static final String ECDSA_384 = "ecdsa-sha2-nistp384";
    static final String ECDSA_521 = "ecdsa-sha2-nistp521";
    static final String SK_ECDSA_256 = "sk-ecdsa-sha2-nistp256@openssh.com";
    static final String RSA = "ssh-rsa";
    static final String DSA = "ssh-dss";

    /** PROTOCOL.certkeys: a certificate type is its plain type with this suffix (before the {@code @}). */
    static final String CERT_SUFFIX = "-cert-v01@openssh.com";

    static final List<String> PLAIN = List.of(ED25519, SK_ED25519, ECDSA_256, ECDSA_384, ECDSA_521, SK_ECDSA_256, RSA, DSA);

    private static final Set<String> ALL = Set.of(
            ED25519, ED25519 + CERT_SUFFIX,
            "sk-ssh-ed25519-cert-v01@openssh.com", SK_ED25519,
            ECDSA_256, ECDSA_256 + CERT_SUFFIX,
            ECDSA_384, ECDSA_384 + CERT_SUFFIX,
            ECDSA_521, ECDSA_521 + CERT_SUFFIX,
            SK_ECDSA_256, "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com",
            RSA, RSA + CERT_SUFFIX,
            DSA, DSA + CERT_SUFFIX);

    /** Each name to its one shared instance, so that 100,000 entries share a handful of strings. */
    private static final Map<String, String> SHARED = ALL.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), Function.identity()));

    private KeyTypes() {}

    static boolean known(String type) {
        return ALL.contains(type);
    }

    /** The shared instance of a known type name, or null for an unknown one. */
    static String shared(String type) {
        return SHARED.get(type);
    }

    static boolean isCertificate(String type) {
        return type.endsWith("-cert-v01@openssh.com");
    }

    /** The plain key type of a certificate type (or the type itself when it is plain). */
    static String plain(String type) {
        if (!isCertificate(type)) {
            return type;
        }
        return switch (type) {
            case "sk-ssh-ed25519-cert-v01@openssh.com" -> SK_ED25519;
            case "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com" -> SK_ECDSA_256;
            default -> type.substring(0, type.length() - CERT_SUFFIX.length());
        };
    }

    /**
     * The key type an algorithm name stands for: the RSA signature algorithms of RFC 8332 (and
     * their certificate forms) name {@code ssh-rsa} keys; every other name is its own key type.
     */
    static String fromAlgorithm(String algorithm) {
        return switch (algorithm) {
            case "rsa-sha2-256", "rsa-sha2-512" -> RSA;
            case "rsa-sha2-256-cert-v01@openssh.com", "rsa-sha2-512-cert-v01@openssh.com" -> RSA + CERT_SUFFIX;
            default -> algorithm;
        };
    }

    /** The bytes of one coordinate for an ECDSA type, or 0 when the type is not ECDSA. */
    static int ecCoordinateLength(String plainType) {
        return switch (plainType) {
            case ECDSA_256, SK_ECDSA_256 -> 32;
            case ECDSA_384 -> 48;
            case ECDSA_521 -> 66;
            default -> 0;
        };
    }

    /** The curve identifier inside an ECDSA key blob (RFC 5656 §3.1): nistp256, nistp384, nistp521. */
    static String curveName(String plainType) {
        return switch (plainType) {
            case ECDSA_256, SK_ECDSA_256 -> "nistp256";
            case ECDSA_384 -> "nistp384";
            case ECDSA_521 -> "nistp521";
            default -> throw new IllegalArgumentException("not ECDSA: " + plainType);
        };
    }
}
