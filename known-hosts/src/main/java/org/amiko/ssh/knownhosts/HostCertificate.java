package org.amiko.ssh.knownhosts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An OpenSSH certificate (PROTOCOL.certkeys), parsed far enough to decide whether a host may
 * present it: the certified key, serial, type (user or host), key id, principals, validity
 * interval, critical options, extensions, the CA (signature) key and the CA's signature.
 *
 * <p>Layout, field by field: string cert type name, string nonce, the plain key's fields, uint64
 * serial, uint32 type, string key id, string principals (packed strings), uint64 valid after,
 * uint64 valid before, string critical options, string extensions, string reserved, string
 * signature key; everything up to here is signed; then string signature.
 */
public final class HostCertificate {

    /** PROTOCOL.certkeys: SSH2_CERT_TYPE_USER and SSH2_CERT_TYPE_HOST. */
    public static final int USER = 1;
    public static final int HOST = 2;

    /** OpenSSH's SSHKEY_CERT_MAX_PRINCIPALS. */
    static final int MAX_PRINCIPALS = 256;

    private final String keyType;
    private final byte[] plainKey;
    private final long serial;
    private final int type;
    private final String keyId;
    private final List<String> principals;
    private final long validAfter;
    private final long validBefore;
    private final List<String> criticalOptions;
    private final List<String> extensions;
    private final byte[] caKey;
    private final SshKeyBlob ca;
    private final byte[] signature;
    private final byte[] signedData;
    private final String signatureAlgorithm;

    private HostCertificate(String keyType, byte[] plainKey, long serial, int type, String keyId, List<String> principals,
            long validAfter, long validBefore, List<String> criticalOptions, List<String> extensions, SshKeyBlob ca,
            byte[] signature, byte[] signedData, String signatureAlgorithm) {
        this.keyType = keyType;
        this.plainKey = plainKey;
        this.serial = serial;
        this.type = type;
        this.keyId = keyId;
        this.principals = principals;
        this.validAfter = validAfter;
        this.validBefore = validBefore;
        this.criticalOptions = criticalOptions;
        this.extensions = extensions;
        this.caKey = ca.blob();
        this.ca = ca;
        this.signature = signature;
        this.signedData = signedData;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /**
     * Parses a certificate blob; throws {@link IllegalArgumentException} when it is not one. The
     * signature is not checked here: {@link #problemFor} checks it.
     */
    public static HostCertificate of(byte[] blob) {
        try {
            return parse(blob.clone());
        } catch (LineFormatException e) {
            throw new IllegalArgumentException("not an OpenSSH certificate: " + e.getMessage());
        }
    }

    static HostCertificate parse(byte[] blob) throws LineFormatException {
        BlobReader in = new BlobReader(blob);
        String certType = in.text();
        if (!KeyTypes.known(certType) || !KeyTypes.isCertificate(certType)) {
            throw new LineFormatException("not a certificate type: " + certType);
        }
        in.string(); // nonce
        String plainType = KeyTypes.plain(certType);
        BlobReader.Out plain = new BlobReader.Out().string(plainType);
        SshKeyBlob.readPlainFields(in, plainType, plain);
        long serial = in.u64();
        long type = in.u32();
        if (type != USER && type != HOST) {
            throw new LineFormatException("certificate type " + type + " is neither user nor host");
        }
        String keyId = in.text();
        List<String> principals = new ArrayList<>();
        BlobReader p = new BlobReader(in.string());
        while (!p.atEnd()) {
            if (principals.size() == MAX_PRINCIPALS) {
                throw new LineFormatException("more than " + MAX_PRINCIPALS + " principals");
            }
            principals.add(p.text());
        }
        long validAfter = in.u64();
        long validBefore = in.u64();
        List<String> critical = optionNames(in.string());
        List<String> extensions = optionNames(in.string());
        in.string(); // reserved
        byte[] caKey = in.string();
        int signedLength = in.position();
        byte[] signature = in.string();
        in.requireEnd("certificate");
        SshKeyBlob ca = SshKeyBlob.parse(caKey);
        if (ca.isCertificate()) {
            throw new LineFormatException("the CA key is itself a certificate");
        }
        String algorithm = CaSignatures.algorithm(signature);
        return new HostCertificate(certType, plain.toByteArray(), serial, (int) type, keyId, List.copyOf(principals),
                validAfter, validBefore, critical, extensions, ca, signature, Arrays.copyOf(blob, signedLength), algorithm);
    }

    /** Names of a critical-options or extensions section: pairs of string name, string data. */
    private static List<String> optionNames(byte[] section) throws LineFormatException {
        List<String> names = new ArrayList<>();
        BlobReader r = new BlobReader(section);
        while (!r.atEnd()) {
            names.add(r.text());
            r.string();
        }
        return List.copyOf(names);
    }

    /**
     * Why a host named {@code hostName} may not present this certificate at {@code now}, or empty
     * when it may, as OpenSSH 9.2 decides (sshconnect.c check_host_cert, sshkey.c
     * sshkey_cert_check_authority): a host certificate; valid after &lt;= now &lt; valid before
     * (unsigned seconds); an empty principal list accepts any host, else a principal must match
     * (OpenSSH matches the principal against the host name used as a pattern, so wildcards in
     * principals are not expanded); no critical options; a CA signature algorithm that
     * OpenSSH's default CASignatureAlgorithms allows and a signature that verifies (checked here
     * with the JDK). Whether the CA is trusted for the host is the known_hosts file's business.
     */
    public Optional<String> problemFor(String hostName, Instant now) {
        if (type != HOST) {
            return Optional.of("not a host certificate");
        }
        long t = now.getEpochSecond();
        if (t < 0 || Long.compareUnsigned(t, validAfter) < 0) {
            return Optional.of("certificate not yet valid");
        }
        if (Long.compareUnsigned(t, validBefore) >= 0) {
            return Optional.of("certificate expired");
        }
        if (!principals.isEmpty()) {
            String name = LookupName.lowerAscii(hostName);
            boolean listed = false;
            for (String principal : principals) {
                if (HostPatternList.glob(principal, name)) {
                    listed = true;
                    break;
                }
            }
            if (!listed) {
                return Optional.of("name " + hostName + " is not a listed principal");
            }
        }
        if (!criticalOptions.isEmpty()) {
            return Optional.of("certificate has critical options " + criticalOptions + ", which hosts may not have");
        }
        return CaSignatures.verify(caKey, signature, signedData);
    }

    /** The certificate's own type, e.g. {@code ssh-ed25519-cert-v01@openssh.com}. */
    public String keyType() {
        return keyType;
    }

    /** The certified key's type, e.g. {@code ssh-ed25519}. */
    public String plainKeyType() {
        return KeyTypes.plain(keyType);
    }

    /** The certified key as a plain public key blob. */
    public byte[] plainKey() {
        return plainKey.clone();
    }

    byte[] plainKeyBlob() {
        return plainKey;
    }

    /** The serial number (an unsigned 64-bit value in a long). */
    public long serial() {
        return serial;
    }

    /** {@link #USER} or {@link #HOST}. */
    public int type() {
        return type;
    }

    public String keyId() {
        return keyId;
    }

    public List<String> principals() {
        return principals;
    }

    /** Seconds since the epoch, unsigned (0 = always). */
    public long validAfter() {
        return validAfter;
    }

    /** Seconds since the epoch, unsigned (all ones = forever). */
    public long validBefore() {
        return validBefore;
    }

    /** Names of the critical options. */
    public List<String> criticalOptions() {
        return criticalOptions;
    }

    /** Names of the extensions. */
    public List<String> extensions() {
        return extensions;
    }

    /** The CA's public key blob. */
    public byte[] caKey() {
        return caKey.clone();
    }

    /** The CA key, parsed (package-internal). */
    SshKeyBlob ca() {
        return ca;
    }

    /** The algorithm the CA signed with, e.g. {@code ssh-ed25519} or {@code rsa-sha2-512}. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    @Override
    public String toString() {
        return keyType + " " + (type == HOST ? "host" : "user") + " certificate id \"" + keyId + "\" serial "
                + Long.toUnsignedString(serial) + " principals " + principals + " signed with " + signatureAlgorithm;
    }
}
