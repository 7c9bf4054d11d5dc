package org.amiko.ssh.auth.keys;

import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.util.Arrays;

/**
 * The PEM private key formats of OpenSSL, which {@code ssh-keygen -m PEM} and {@code -m PKCS8}
 * write: PKCS#1 {@code RSA PRIVATE KEY} (RFC 8017 §A.1.2), SEC1 {@code EC PRIVATE KEY} (RFC 5915
 * §3), PKCS#8 {@code PRIVATE KEY} (RFC 5208 §5, RFC 5958 §2) and {@code ENCRYPTED PRIVATE KEY}
 * (RFC 5208 §6, see {@link Pkcs8Encryption}); the first two optionally encrypted the legacy way
 * (see {@link LegacyPemEncryption}).
 */
final class PemKeys {

    static final String RSA_LABEL = "RSA PRIVATE KEY";
    static final String EC_LABEL = "EC PRIVATE KEY";
    static final String PKCS8_LABEL = "PRIVATE KEY";
    static final String ENCRYPTED_PKCS8_LABEL = "ENCRYPTED PRIVATE KEY";

    // RFC 8017 §A.1, RFC 5480 §2.1.1, RFC 8410 §3
    private static final String OID_RSA = "1.2.840.113549.1.1.1";
    private static final String OID_EC = "1.2.840.10045.2.1";
    private static final String OID_ED25519 = "1.3.101.112";

    private PemKeys() {
    }

    static boolean handles(String label) {
        return label.equals(RSA_LABEL) || label.equals(EC_LABEL) || label.equals(PKCS8_LABEL) || label.equals(ENCRYPTED_PKCS8_LABEL);
    }

    static KeyPair decode(Pem.Block block, KeySource source) throws Malformed, IOException {
        String label = block.label();
        if (label.equals(ENCRYPTED_PKCS8_LABEL)) {
            byte[] der = Pkcs8Encryption.decrypt(block.body(), source);
            try {
                return pkcs8(der);
            } finally {
                Arrays.fill(der, (byte) 0);
            }
        }
        boolean encrypted = LegacyPemEncryption.isEncrypted(block.headers());
        byte[] der = encrypted ? LegacyPemEncryption.decrypt(block.headers(), block.body(), source) : block.body();
        try {
            return switch (label) {
                case RSA_LABEL -> pkcs1(Der.of(der).sequence("RSAPrivateKey"));
                case EC_LABEL -> sec1(Der.of(der).sequence("ECPrivateKey"), null);
                case PKCS8_LABEL -> {
                    if (encrypted) {
                        throw new Malformed("a PKCS#8 key cannot carry DEK-Info encryption");
                    }
                    yield pkcs8(der);
                }
                default -> throw new Malformed("unsupported PEM label \"" + label + "\"");
            };
        } finally {
            if (encrypted) {
                Arrays.fill(der, (byte) 0);
            }
        }
    }

    /** RFC 8017 §A.1.2 RSAPrivateKey: version 0 (two primes), n, e, d, p, q, dP, dQ, qInv. */
    static KeyPair pkcs1(Der seq) throws Malformed {
        int version = seq.smallInteger("RSAPrivateKey version", 1);
        if (version != 0) {
            throw new Malformed("multi-prime RSA keys are not supported");
        }
        BigInteger n = seq.positiveInteger("RSA modulus");
        BigInteger e = seq.positiveInteger("RSA public exponent");
        BigInteger d = seq.positiveInteger("RSA private exponent");
        BigInteger p = seq.positiveInteger("RSA prime p");
        BigInteger q = seq.positiveInteger("RSA prime q");
        seq.positiveInteger("RSA exponent dP");
        seq.positiveInteger("RSA exponent dQ");
        seq.positiveInteger("RSA coefficient qInv");
        seq.end("RSAPrivateKey");
        // dP, dQ and qInv are recomputed from d, p and q rather than trusted.
        return JcaKeys.rsa(n, e, d, p, q);
    }

    /**
     * RFC 5915 §3 ECPrivateKey: version 1, privateKey OCTET STRING, [0] parameters (the named
     * curve), [1] publicKey BIT STRING. Inside PKCS#8 the curve comes from the algorithm identifier.
     */
    static KeyPair sec1(Der seq, EcCurves outerCurve) throws Malformed {
        if (seq.smallInteger("ECPrivateKey version", 1) != 1) {
            throw new Malformed("ECPrivateKey version is not 1");
        }
        byte[] scalar = seq.octetString("EC private key");
        EcCurves curve = outerCurve;
        byte[] q = null;
        if (seq.peekTag() == 0xa0) {
            EcCurves named = namedCurve(seq.constructed(0xa0, "EC parameters"));
            if (curve != null && named != curve) {
                throw new Malformed("ECPrivateKey names another curve than its algorithm identifier");
            }
            curve = named;
        }
        if (seq.peekTag() == 0xa1) {
            Der publicKey = seq.constructed(0xa1, "EC public key");
            q = publicKey.bitString(Der.BIT_STRING, "EC public key");
            publicKey.end("EC public key");
        }
        seq.end("ECPrivateKey");
        if (curve == null) {
            throw new Malformed("ECPrivateKey does not name its curve");
        }
        if (scalar.length != curve.fieldBytes()) {
            throw new Malformed(curve.identifier + " private key of " + scalar.length + " bytes");
        }
        try {
            return JcaKeys.ec(curve, new BigInteger(1, scalar), q);
        } finally {
            Arrays.fill(scalar, (byte) 0);
        }
    }

    private static EcCurves namedCurve(Der params) throws Malformed {
        if (params.peekTag() != Der.OID) {
            throw new Malformed("EC keys with explicit curve parameters are not supported; use a named curve");
        }
        String oid = params.oid("EC curve");
        params.end("EC parameters");
        return EcCurves.byOid(oid).orElseThrow(() -> new Malformed("unsupported EC curve " + oid
                + " (SSH uses NIST P-256, P-384 and P-521)"));
    }

    /** RFC 5958 §2 OneAsymmetricKey (PKCS#8 v1 and v2): version, algorithm, privateKey, [0] attributes, [1] publicKey. */
    static KeyPair pkcs8(byte[] der) throws Malformed {
        Der seq = Der.of(der).sequence("PrivateKeyInfo");
        int version = seq.smallInteger("PrivateKeyInfo version", 1);
        Der algorithm = seq.sequence("private key algorithm");
        String oid = algorithm.oid("private key algorithm");
        byte[] inner = seq.octetString("private key");
        try {
            if (seq.peekTag() == 0xa0) {
                seq.constructed(0xa0, "attributes");
            }
            byte[] publicKey = null;
            if (version == 1 && seq.peekTag() == 0x81) {
                publicKey = seq.bitString(0x81, "public key");
            }
            seq.end("PrivateKeyInfo");
            switch (oid) {
                case OID_RSA -> {
                    if (algorithm.hasMore()) {
                        algorithm.nullValue("RSA parameters");
                    }
                    algorithm.end("RSA algorithm");
                    return pkcs1(Der.of(inner).sequence("RSAPrivateKey"));
                }
                case OID_EC -> {
                    EcCurves curve = namedCurve(algorithm);
                    return sec1(Der.of(inner).sequence("ECPrivateKey"), curve);
                }
                case OID_ED25519 -> {
                    // RFC 8410 §3: no parameters; §7: CurvePrivateKey ::= OCTET STRING (the 32-byte seed)
                    algorithm.end("Ed25519 algorithm");
                    Der curvePrivateKey = Der.of(inner);
                    byte[] seed = curvePrivateKey.octetString("Ed25519 private key");
                    curvePrivateKey.end("Ed25519 private key");
                    try {
                        return JcaKeys.ed25519(seed, publicKey);
                    } finally {
                        Arrays.fill(seed, (byte) 0);
                    }
                }
                default -> throw new Malformed("unsupported key algorithm " + oid
                        + " (amiko reads Ed25519, ECDSA and RSA keys)");
            }
        } finally {
            Arrays.fill(inner, (byte) 0);
        }
    }
}
