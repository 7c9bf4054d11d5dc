package org.amiko.ssh.transport.crypto;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MACs amiko speaks, by wire name. The SHA-2 ones are offered by default, EtM first as
 * OpenSSH orders them; the SHA-1 ones are supported for old peers but offered only on request.
 */
public final class Macs {

    public static final String HMAC_SHA2_256_ETM = "hmac-sha2-256-etm@openssh.com";
    public static final String HMAC_SHA2_512_ETM = "hmac-sha2-512-etm@openssh.com";
    public static final String HMAC_SHA1_ETM = "hmac-sha1-etm@openssh.com";
    public static final String HMAC_SHA2_256 = "hmac-sha2-256";
    public static final String HMAC_SHA2_512 = "hmac-sha2-512";
    public static final String HMAC_SHA1 = "hmac-sha1";
    /** RFC 4253 §6.4: no MAC; in force until the first NEWKEYS, never negotiated. */
    public static final String NONE = "none";

    /**
     * @param etm encrypt-then-MAC (OpenSSH PROTOCOL §1.5) rather than RFC 4253's encrypt-and-MAC
     * @param legacy built on SHA-1: supported, not offered unless asked for
     */
    public record MacAlgorithm(String name, String jcaName, int keyLength, int macLength, boolean etm, boolean legacy) {
    }

    private static final Map<String, MacAlgorithm> ALGORITHMS = new LinkedHashMap<>();

    static {
        add(new MacAlgorithm(HMAC_SHA2_256_ETM, "HmacSHA256", 32, 32, true, false));  // RFC 6668, PROTOCOL §1.5
        add(new MacAlgorithm(HMAC_SHA2_512_ETM, "HmacSHA512", 64, 64, true, false));
        add(new MacAlgorithm(HMAC_SHA2_256, "HmacSHA256", 32, 32, false, false));     // RFC 6668 §2
        add(new MacAlgorithm(HMAC_SHA2_512, "HmacSHA512", 64, 64, false, false));
        add(new MacAlgorithm(HMAC_SHA1_ETM, "HmacSHA1", 20, 20, true, true));
        add(new MacAlgorithm(HMAC_SHA1, "HmacSHA1", 20, 20, false, true));            // RFC 4253 §6.4
    }

    private static final MacAlgorithm NONE_ALGORITHM = new MacAlgorithm(NONE, "", 0, 0, false, false);

    private Macs() {
    }

    private static void add(MacAlgorithm a) {
        ALGORITHMS.put(a.name(), a);
    }

    /** Every MAC amiko can use, the legacy ones last. */
    public static List<String> supportedNames() {
        return List.copyOf(ALGORITHMS.keySet());
    }

    /** The MACs offered unless configured otherwise, most preferred first: no SHA-1. */
    public static List<String> defaultNames() {
        return ALGORITHMS.values().stream().filter(m -> !m.legacy()).map(MacAlgorithm::name).toList();
    }

    public static Optional<MacAlgorithm> find(String name) {
        if (NONE.equals(name)) {
            return Optional.of(NONE_ALGORITHM);
        }
        return Optional.ofNullable(ALGORITHMS.get(name));
    }

    static MacAlgorithm require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown MAC " + name));
    }
}
