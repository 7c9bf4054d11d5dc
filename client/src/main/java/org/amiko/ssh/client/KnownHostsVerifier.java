package org.amiko.ssh.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.amiko.ssh.knownhosts.KnownHosts;
import org.amiko.ssh.knownhosts.KnownHostsEditor;
import org.amiko.ssh.knownhosts.LookupResult;
import org.amiko.ssh.transport.HostKeyVerifier;
import org.amiko.ssh.transport.SshException;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.keys.SshPublicKey;

/**
 * The client's {@link HostKeyVerifier}: the known_hosts files decide (as ssh(1)'s check_host_key
 * does), the {@link HostKeyPolicy} only for hosts they do not know. Files are read afresh for each
 * connection, so a key recorded by ACCEPT_NEW is found the next time.
 */
final class KnownHostsVerifier implements HostKeyVerifier {

    private static final System.Logger LOG = System.getLogger(KnownHostsVerifier.class.getName());

    private final List<Path> userFiles;
    private final List<Path> globalFiles;
    private final HostKeyPolicy policy;
    private final boolean hashNames;
    private final String ip;
    private final KnownHosts knownHosts;
    /** Set when the policy let a changed key through: no password, keyboard-interactive or forwarding then. */
    private volatile boolean changedKeyAccepted;

    private KnownHostsVerifier(List<Path> userFiles, List<Path> globalFiles, HostKeyPolicy policy, boolean hashNames,
                               String ip) {
        this.userFiles = List.copyOf(userFiles);
        this.globalFiles = List.copyOf(globalFiles);
        this.policy = policy;
        this.hashNames = hashNames;
        this.ip = ip;
        this.knownHosts = KnownHosts.load(userFiles, globalFiles);
    }

    static KnownHostsVerifier load(List<Path> userFiles, List<Path> globalFiles, HostKeyPolicy policy, boolean hashNames,
                                   String ip) {
        return new KnownHostsVerifier(userFiles, globalFiles, policy, hashNames, ip);
    }

    /**
     * The host key algorithms to offer: those of the key types known for the host first (so a known
     * host never fails for a type mismatch, as ssh(1) orders them), then the rest of {@code configured}.
     */
    List<String> orderAlgorithms(String host, int port, List<String> configured) {
        List<String> known = knownHosts.knownKeyTypes(host, port);
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String type : known) {
            for (String alg : configured) {
                if (SignatureAlgorithm.find(alg).map(a -> a.keyType().equals(type)).orElse(false)) {
                    out.add(alg);
                }
            }
        }
        out.addAll(configured);
        return new ArrayList<>(out);
    }

    /** Whether this connection's host key was a changed one that the policy accepted (ssh(1)'s MITM precautions apply). */
    boolean changedKeyAccepted() {
        return changedKeyAccepted;
    }

    List<Path> searchedFiles() {
        List<Path> all = new ArrayList<>(userFiles);
        all.addAll(globalFiles);
        return all;
    }

    @Override
    public void verify(String host, int port, SshPublicKey key) throws SshException {
        LookupResult result = knownHosts.lookup(host, port, ip, key.keyType(), key.blob().toByteArray());
        if (result instanceof LookupResult.Known k) {
            LOG.log(System.Logger.Level.DEBUG, "host key {0} {1} of {2} is known: {3}", key.keyType(),
                    key.sha256Fingerprint(), UnknownHostKeyException.name(host, port), k.key().location());
            return;
        }
        if (result instanceof LookupResult.CertifiedBy c) {
            LOG.log(System.Logger.Level.DEBUG, "host certificate of {0} is signed by a trusted CA: {1}",
                    UnknownHostKeyException.name(host, port), c.ca().location());
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, "host key {0} {1} of {2}: {3}", key.keyType(), key.sha256Fingerprint(),
                UnknownHostKeyException.name(host, port), result.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
        if (result instanceof LookupResult.Revoked r) {
            throw new RevokedHostKeyException(host, port, key, r.key()); // whatever the policy, as ssh(1)
        }
        if (result instanceof LookupResult.Changed c) {
            ChangedHostKeyException changed = new ChangedHostKeyException(host, port, key, c.knownKeys());
            if (!policy.acceptsChangedKeys()) {
                throw changed;
            }
            changedKeyAccepted = true;
            policy.changedKeyAccepted(changed);
            return;
        }
        KnownHostsEditor editor = userFiles.isEmpty() ? null : KnownHostsEditor.of(userFiles.get(0));
        try {
            policy.unknownHost(new HostKeyPolicy.UnknownHost(host, port, key, editor, hashNames));
        } catch (UnknownHostKeyException e) {
            // the policy's refusal, restated with the files this check searched
            throw new UnknownHostKeyException(host, port, key, searchedFiles(),
                    e.getMessage().contains("ACCEPT_NEW needs") ? "ACCEPT_NEW needs a user known_hosts file" : null);
        } catch (SshException e) {
            throw e;
        } catch (IOException e) {
            throw new UnknownHostKeyException(host, port, key, searchedFiles(), "recording it failed: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new UnknownHostKeyException(host, port, key, searchedFiles(), "recording it failed: " + e.getMessage());
        }
    }
}
