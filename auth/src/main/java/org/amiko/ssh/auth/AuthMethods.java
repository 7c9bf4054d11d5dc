package org.amiko.ssh.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amiko.ssh.auth.agent.Agent;
import org.amiko.ssh.auth.agent.AgentSigner;
import org.amiko.ssh.auth.keys.KeyFileException;
import org.amiko.ssh.auth.keys.PassphraseProvider;
import org.amiko.ssh.auth.keys.PrivateKeyFiles;
import org.amiko.ssh.auth.keys.UnprotectedKeyFileException;
import org.amiko.ssh.auth.keys.Signer;
import org.amiko.ssh.transport.keys.SshPublicKey;

/**
 * The methods in the order OpenSSH's client tries them (ssh_config(5) PreferredAuthentications,
 * IdentityFile, IdentitiesOnly): publickey with the keys given explicitly, then the agent's, then
 * the default files ~/.ssh/id_ed25519, id_ecdsa, id_rsa; then keyboard-interactive; then password.
 */
public final class AuthMethods {

    private static final System.Logger LOG = System.getLogger(AuthMethods.class.getName());

    /** The default identity files, in OpenSSH's order (those amiko can read). */
    public static final List<String> DEFAULT_IDENTITY_FILES = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    /**
     * What to build the list from; null where there is none.
     *
     * @param identitiesOnly like IdentitiesOnly: of the agent's keys only those also given
     *     explicitly are used, and the default files are not read
     * @param sshDir the user's ~/.ssh, for the default files
     */
    public record Sources(List<Signer> explicitKeys, Agent agent, boolean identitiesOnly, Path sshDir,
                          PassphraseProvider passphrases, KeyboardInteractiveAuth.Prompter prompter,
                          PasswordAuth.PasswordSource passwords) {
    }

    private AuthMethods() {
    }

    /** The methods to pass to {@link ClientAuthenticator#authenticate}; keys appear once, at their first place. */
    public static List<AuthMethod> openSshOrder(Sources s) throws IOException {
        Map<SshPublicKey, Signer> keys = new LinkedHashMap<>();
        List<Signer> explicit = s.explicitKeys() == null ? List.of() : s.explicitKeys();
        for (Signer signer : explicit) {
            keys.putIfAbsent(signer.publicKey(), signer);
        }
        if (s.agent() != null) {
            for (AgentSigner signer : AgentSigner.all(s.agent())) {
                if (!s.identitiesOnly() || keys.containsKey(signer.publicKey())) {
                    keys.putIfAbsent(signer.publicKey(), signer);
                }
            }
        }
        if (!s.identitiesOnly() && s.sshDir() != null) {
            for (String name : DEFAULT_IDENTITY_FILES) {
                Path file = s.sshDir().resolve(name);
                if (Files.isRegularFile(file)) {
                    try {
                        Signer signer = PrivateKeyFiles.signer(file, s.passphrases() == null ? PassphraseProvider.none() : s.passphrases());
                        keys.putIfAbsent(signer.publicKey(), signer);
                    } catch (UnprotectedKeyFileException open) {
                        LOG.log(System.Logger.Level.WARNING, open.warning()); // ssh says so too, and goes on without it
                    } catch (KeyFileException unreadable) {
                        // OpenSSH skips a default file it cannot load (no passphrase, unsupported type) and goes on.
                    }
                }
            }
        }
        List<AuthMethod> methods = new ArrayList<>();
        if (!keys.isEmpty()) {
            methods.add(new PublicKeyAuth(new ArrayList<>(keys.values())));
        }
        if (s.prompter() != null) {
            methods.add(new KeyboardInteractiveAuth(s.prompter()));
        }
        if (s.passwords() != null) {
            methods.add(new PasswordAuth(s.passwords()));
        }
        return methods;
    }
}
