package org.amiko.ssh.auth.keys;

import java.util.Arrays;
import java.util.Optional;

/** The NIST curves of SSH (RFC 5656 §10.1) by their names in SSH, in the JCA and in ASN.1 (RFC 5480 §2.1.1.1). */
enum EcCurves {
    NISTP256("ecdsa-sha2-nistp256", "nistp256", "secp256r1", "1.2.840.10045.3.1.7", 256),
    NISTP384("ecdsa-sha2-nistp384", "nistp384", "secp384r1", "1.3.132.0.34", 384),
    NISTP521("ecdsa-sha2-nistp521", "nistp521", "secp521r1", "1.3.132.0.35", 521);

    final String keyType;
    final String identifier;
    final String jcaName;
    final String oid;
    final int bits;

    EcCurves(String keyType, String identifier, String jcaName, String oid, int bits) {
        this.keyType = keyType;
        this.identifier = identifier;
        this.jcaName = jcaName;
        this.oid = oid;
        this.bits = bits;
    }

    /** Bytes of a scalar or coordinate: 32, 48, 66. */
    int fieldBytes() {
        return (bits + 7) / 8;
    }

    static Optional<EcCurves> byKeyType(String keyType) {
        return Arrays.stream(values()).filter(c -> c.keyType.equals(keyType)).findFirst();
    }

    static Optional<EcCurves> byOid(String oid) {
        return Arrays.stream(values()).filter(c -> c.oid.equals(oid)).findFirst();
    }

    static Optional<EcCurves> byBits(int bits) {
        return Arrays.stream(values()).filter(c -> c.bits == bits).findFirst();
    }
}
