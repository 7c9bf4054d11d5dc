package org.amiko.ssh.auth.agent;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.testing.KeyType;

/** JCA key pairs of every type an agent holds, generated once per test JVM (RSA 3072 takes a while). */
final class TestKeys {

    static final List<KeyType> TYPES =
            List.of(KeyType.ED25519, KeyType.ECDSA_256, KeyType.ECDSA_384, KeyType.ECDSA_521, KeyType.RSA_3072);

    private static final Map<KeyType, KeyPair> PAIRS = new ConcurrentHashMap<>();

    private TestKeys() {}

    static KeyPair pair(KeyType type) {
        return PAIRS.computeIfAbsent(type, TestKeys::generate);
    }

    static SshPublicKey publicKey(KeyType type) {
        return SshPublicKey.of(pair(type).getPublic());
    }

    /** A fresh pair, not cached: for tests that need a key no agent has seen. */
    static KeyPair generate(KeyType type) {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator g;
            switch (type.type()) {
                case "ed25519" -> {
                    g = KeyPairGenerator.getInstance("Ed25519");
                    g.initialize(255, random);
                }
                case "ecdsa" -> {
                    g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp" + type.bits() + "r1"), random);
                }
                case "rsa" -> {
                    g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(new RSAKeyGenParameterSpec(type.bits(), RSAKeyGenParameterSpec.F4), random);
                }
                default -> throw new IllegalArgumentException("no key generator for " + type);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + type + " key", e);
        }
    }
}
