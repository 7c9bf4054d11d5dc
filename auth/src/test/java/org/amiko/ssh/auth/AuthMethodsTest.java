package org.amiko.ssh.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.amiko.ssh.auth.agent.InMemoryAgent;
import org.amiko.ssh.auth.keys.KeyPairSigner;
import org.amiko.ssh.auth.keys.PassphraseProvider;
import org.amiko.ssh.auth.keys.PrivateKeyFiles;
import org.amiko.ssh.auth.keys.Signer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenSSH's order: explicit keys, agent keys, default files; IdentitiesOnly; then keyboard-interactive, then password. */
class AuthMethodsTest {

    private static Signer key(String type, String name) {
        return new KeyPairSigner(PrivateKeyFiles.generate(type, new SecureRandom()), name);
    }

    @Test
    void openSshOrder(@TempDir Path ssh) throws Exception {
        Signer explicit = key("ssh-ed25519", "explicit");
        PrivateKeyFiles.writeOpenSsh(ssh.resolve("id_ed25519"), PrivateKeyFiles.generate("ssh-ed25519", new SecureRandom()), "file", null);
        Signer file = PrivateKeyFiles.signer(ssh.resolve("id_ed25519"), PassphraseProvider.none());
        InMemoryAgent agent = new InMemoryAgent();
        agent.add(PrivateKeyFiles.generate("ecdsa-sha2-nistp256", new SecureRandom()), "agent");
        List<AuthMethod> all = AuthMethods.openSshOrder(new AuthMethods.Sources(List.of(explicit), agent, false, ssh,
                null, (n, i, p) -> List.of(), PasswordAuth.of("x").passwords()));
        assertEquals(List.of("publickey", "keyboard-interactive", "password"), all.stream().map(AuthMethod::name).toList());
        List<Signer> keys = ((PublicKeyAuth) all.get(0)).signers();
        assertEquals(3, keys.size());
        assertEquals(explicit.publicKey(), keys.get(0).publicKey());
        assertEquals(agent.identities().get(0).key(), keys.get(1).publicKey());
        assertEquals(file.publicKey(), keys.get(2).publicKey());

        List<AuthMethod> only = AuthMethods.openSshOrder(new AuthMethods.Sources(List.of(explicit), agent, true, ssh, null, null, null));
        assertEquals(List.of(explicit.publicKey()), ((PublicKeyAuth) only.get(0)).signers().stream().map(Signer::publicKey).toList());
        assertEquals(1, only.size());
    }
}
