package org.amiko.ssh.knownhosts;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the known_hosts files say about a host's key: exactly one of the records below, never null.
 * The cases follow OpenSSH's host key check (hostfile.c check_hostkeys_by_key_or_type, sshconnect.c
 * check_host_key): HOST_OK is {@link Known} or {@link CertifiedBy}, HOST_REVOKED is {@link Revoked},
 * HOST_CHANGED is {@link Changed}, HOST_NEW is {@link Unknown}.
 */
public sealed interface LookupResult {

    /** The key is listed for the host. */
    record Known(KnownKey key) implements LookupResult {
        public Known {
            Objects.requireNonNull(key, "key");
        }
    }

    /** The key (or, for a certificate, its CA or its certified key) is marked {@code @revoked}: refuse it. */
    record Revoked(KnownKey key) implements LookupResult {
        public Revoked {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * The host is known with other keys, listed here in file order. {@code sameTypeDiffers} is true
     * when one of them has the presented key's type: a key was replaced, OpenSSH's "REMOTE HOST
     * IDENTIFICATION HAS CHANGED". False means only keys of other types are known, a case a client
     * may word more softly; OpenSSH 9.2 itself gives the same warning for both (its check does not
     * look at the type), and a fail-closed client should refuse both.
     */
    record Changed(List<KnownKey> knownKeys, boolean sameTypeDiffers) implements LookupResult {
        public Changed {
            knownKeys = List.copyOf(knownKeys);
            if (knownKeys.isEmpty()) {
                throw new IllegalArgumentException("Changed needs the keys that are known");
            }
        }
    }

    /**
     * The host presented a host certificate signed by a CA that an {@code @cert-authority} line
     * trusts for it, and the certificate is valid for the host now: its type, validity, principals,
     * critical options, signature algorithm and the CA's signature were all checked (with the JDK).
     * The caller still has to check that the host proved possession of the certified key, as for
     * any host key (the transport's signature over the exchange hash).
     */
    record CertifiedBy(KnownKey ca, HostCertificate certificate) implements LookupResult {
        public CertifiedBy {
            Objects.requireNonNull(ca, "ca");
            Objects.requireNonNull(certificate, "certificate");
        }
    }

    /** Nothing in the files decides about this host; {@code searchedFiles} are the files consulted. */
    record Unknown(List<Path> searchedFiles) implements LookupResult {
        public Unknown {
            searchedFiles = List.copyOf(searchedFiles);
        }
    }
}
