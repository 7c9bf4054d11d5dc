package org.amiko.ssh.knownhosts;

import java.util.Arrays;

/**
 * A public key blob checked the way OpenSSH's sshkey_from_blob checks it before a known_hosts line
 * counts: a known type, its fields complete and nothing after them, an Ed25519 key of 32 bytes, an
 * ECDSA point uncompressed on the curve its name says, an RSA modulus of 1024 to 16384 bits. Keeps
 * the canonical plain encoding, so that keys compare as OpenSSH compares them (sshkey_equal_public).
 */
final class SshKeyBlob {

    /** OpenSSH's SSH_RSA_MINIMUM_MODULUS_SIZE and OPENSSL_RSA_MAX_MODULUS_BITS. */
    static final int RSA_MIN_BITS = 1024;
    static final int RSA_MAX_BITS = 16384;

    private final String type;
    private final byte[] blob;
    private final byte[] plain;
    private final HostCertificate certificate;

    private SshKeyBlob(String type, byte[] blob, byte[] plain, HostCertificate certificate) {
        this.type = type;
        this.blob = blob;
        this.plain = plain;
        this.certificate = certificate;
    }

    /** Parses a blob; {@code blob} is kept, not copied. */
    static SshKeyBlob parse(byte[] blob) throws LineFormatException {
        BlobReader in = new BlobReader(blob);
        String type = in.text();
        if (!KeyTypes.known(type)) {
            throw new LineFormatException("unknown key type " + type + " in the key blob");
        }
        if (KeyTypes.isCertificate(type)) {
            HostCertificate cert = HostCertificate.parse(blob);
            return new SshKeyBlob(type, blob, cert.plainKeyBlob(), cert);
        }
        // only mpints (RSA, DSA) can be encoded in more than one way; other blobs are canonical once they parse
        boolean mpints = type.equals(KeyTypes.RSA) || type.equals(KeyTypes.DSA);
        BlobReader.Out canonical = mpints ? new BlobReader.Out().string(type) : null;
        readPlainFields(in, type, canonical);
        in.requireEnd("key blob");
        byte[] plain = mpints ? canonical.toByteArray() : blob;
        return new SshKeyBlob(type, blob, Arrays.equals(plain, blob) ? blob : plain, null);
    }

    /**
     * Reads the fields of a plain key of {@code plainType} (as in a plain blob or a certificate) and
     * writes them canonically to {@code out}, unless it is null.
     */
    static void readPlainFields(BlobReader in, String plainType, BlobReader.Out canonical) throws LineFormatException {
        BlobReader.Out out = canonical != null ? canonical : new BlobReader.Out(true);
        switch (plainType) {
            case KeyTypes.ED25519, KeyTypes.SK_ED25519 -> {
                byte[] pk = in.string();
                if (pk.length != 32) {
                    throw new LineFormatException("Ed25519 key of " + pk.length + " bytes, not 32");
                }
                out.string(pk);
            }
            case KeyTypes.ECDSA_256, KeyTypes.ECDSA_384, KeyTypes.ECDSA_521, KeyTypes.SK_ECDSA_256 -> {
                String curve = in.text();
                if (!curve.equals(KeyTypes.curveName(plainType))) {
                    throw new LineFormatException("ECDSA curve " + curve + " inside a " + plainType + " key");
                }
                byte[] q = in.string();
                int coordinate = KeyTypes.ecCoordinateLength(plainType);
                if (q.length != 1 + 2 * coordinate || q[0] != 4) {
                    throw new LineFormatException("ECDSA point is not an uncompressed " + curve + " point");
                }
                if (!EcCurves.isOnCurve(plainType, q)) {
                    throw new LineFormatException("ECDSA point is not on " + curve);
                }
                out.string(curve).string(q);
            }
            case KeyTypes.RSA -> {
                byte[] e = in.mpint();
                byte[] n = in.mpint();
                int bits = BlobReader.bitLength(n);
                if (bits < RSA_MIN_BITS || bits > RSA_MAX_BITS) {
                    throw new LineFormatException("RSA modulus of " + bits + " bits (OpenSSH takes 1024 to 16384)");
                }
                if (e.length == 0) {
                    throw new LineFormatException("RSA exponent is zero");
                }
                out.mpint(e).mpint(n);
            }
            case KeyTypes.DSA -> {
                for (int i = 0; i < 4; i++) {
                    byte[] v = in.mpint();
                    if (v.length == 0) {
                        throw new LineFormatException("DSA parameter is zero");
                    }
                    out.mpint(v);
                }
            }
            default -> throw new LineFormatException("no key fields known for " + plainType);
        }
        if (plainType.equals(KeyTypes.SK_ED25519) || plainType.equals(KeyTypes.SK_ECDSA_256)) {
            out.string(in.text()); // the FIDO application, e.g. "ssh:"
        }
    }

    /** The type named inside the blob. */
    String type() {
        return type;
    }

    boolean isCertificate() {
        return certificate != null;
    }

    /** The certificate, or null for a plain key. */
    HostCertificate certificate() {
        return certificate;
    }

    /** The blob as given; not to be modified. */
    byte[] blob() {
        return blob;
    }

    /** The same public key as a plain key, canonically encoded (for a certificate: the certified key). */
    SshKeyBlob plainKey() {
        if (certificate == null) {
            return this;
        }
        return new SshKeyBlob(KeyTypes.plain(type), plain, plain, null);
    }

    /** OpenSSH's sshkey_equal_public: the same plain key, whether either side is a certificate or not. */
    boolean samePublicKey(SshKeyBlob other) {
        return Arrays.equals(plain, other.plain);
    }

    /** {@code plainBlob} (canonical) is this key's plain key. */
    boolean samePublicKey(byte[] plainBlob) {
        return Arrays.equals(plain, plainBlob);
    }

    /** OpenSSH's sshkey_equal: the same type, the same key and, for certificates, the same certificate. */
    boolean sameKey(SshKeyBlob other) {
        if (!type.equals(other.type)) {
            return false;
        }
        return certificate == null ? Arrays.equals(plain, other.plain) : Arrays.equals(blob, other.blob);
    }
}
