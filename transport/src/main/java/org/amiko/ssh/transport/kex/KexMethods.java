package org.amiko.ssh.transport.kex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The key exchange methods amiko speaks, by wire name: default order like OpenSSH 9.9's
 * (post-quantum hybrids first), and the SHA-1 methods supported only on request.
 */
public final class KexMethods {

    public static final String MLKEM768_X25519_SHA256 = "mlkem768x25519-sha256";
    public static final String SNTRUP761_X25519_SHA512 = "sntrup761x25519-sha512";
    public static final String SNTRUP761_X25519_SHA512_OPENSSH = "sntrup761x25519-sha512@openssh.com";
    public static final String CURVE25519_SHA256 = "curve25519-sha256";
    public static final String CURVE25519_SHA256_LIBSSH = "curve25519-sha256@libssh.org";
    public static final String ECDH_NISTP256 = "ecdh-sha2-nistp256";
    public static final String ECDH_NISTP384 = "ecdh-sha2-nistp384";
    public static final String ECDH_NISTP521 = "ecdh-sha2-nistp521";
    public static final String DH_GEX_SHA256 = "diffie-hellman-group-exchange-sha256";
    public static final String DH_GROUP16_SHA512 = "diffie-hellman-group16-sha512";
    public static final String DH_GROUP18_SHA512 = "diffie-hellman-group18-sha512";
    public static final String DH_GROUP14_SHA256 = "diffie-hellman-group14-sha256";
    /** Legacy (SHA-1): only when asked for. */
    public static final String DH_GROUP14_SHA1 = "diffie-hellman-group14-sha1";
    public static final String DH_GEX_SHA1 = "diffie-hellman-group-exchange-sha1";

    /** A method: how to start one run, and whether it is legacy. */
    public record Method(String name, boolean legacy, Function<KexContext, KeyExchange> factory) {
    }

    private static final Map<String, Method> METHODS = new LinkedHashMap<>();

    static {
        add(MLKEM768_X25519_SHA256, false, c -> hybrid(c, new HybridKemAgreement.MlKem768(), "SHA-256"));
        add(SNTRUP761_X25519_SHA512, false, c -> hybrid(c, new HybridKemAgreement.Sntrup761(), "SHA-512"));
        add(SNTRUP761_X25519_SHA512_OPENSSH, false, c -> hybrid(c, new HybridKemAgreement.Sntrup761(), "SHA-512"));
        add(CURVE25519_SHA256, false, c -> new EcdhShapedKex(c, "SHA-256", new X25519Agreement(c.random())));
        add(CURVE25519_SHA256_LIBSSH, false, c -> new EcdhShapedKex(c, "SHA-256", new X25519Agreement(c.random())));
        add(ECDH_NISTP256, false, c -> new EcdhShapedKex(c, "SHA-256", new NistEcdhAgreement("secp256r1", c.random())));
        add(ECDH_NISTP384, false, c -> new EcdhShapedKex(c, "SHA-384", new NistEcdhAgreement("secp384r1", c.random())));
        add(ECDH_NISTP521, false, c -> new EcdhShapedKex(c, "SHA-512", new NistEcdhAgreement("secp521r1", c.random())));
        add(DH_GEX_SHA256, false, c -> new DhGroupExchangeKex(c, "SHA-256"));
        add(DH_GROUP16_SHA512, false, c -> new DhGroupKex(c, "SHA-512", DhGroup.GROUP16));
        add(DH_GROUP18_SHA512, false, c -> new DhGroupKex(c, "SHA-512", DhGroup.GROUP18));
        add(DH_GROUP14_SHA256, false, c -> new DhGroupKex(c, "SHA-256", DhGroup.GROUP14));
        add(DH_GROUP14_SHA1, true, c -> new DhGroupKex(c, "SHA-1", DhGroup.GROUP14));
        add(DH_GEX_SHA1, true, c -> new DhGroupExchangeKex(c, "SHA-1"));
    }

    private KexMethods() {
    }

    private static void add(String name, boolean legacy, Function<KexContext, KeyExchange> factory) {
        METHODS.put(name, new Method(name, legacy, factory));
    }

    private static KeyExchange hybrid(KexContext c, HybridKemAgreement.Kem kem, String digest) {
        return new EcdhShapedKex(c, digest, new HybridKemAgreement(kem, digest, c.random()));
    }

    /** The methods offered unless configured otherwise, most preferred first. */
    public static List<String> defaultNames() {
        return METHODS.values().stream().filter(m -> !m.legacy()).map(Method::name).toList();
    }

    /** Every method amiko can run, the legacy ones last. */
    public static List<String> supportedNames() {
        return List.copyOf(METHODS.keySet());
    }

    public static Optional<Method> find(String name) {
        return Optional.ofNullable(METHODS.get(name));
    }
}
