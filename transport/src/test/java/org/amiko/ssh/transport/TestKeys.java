package org.amiko.ssh.transport;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.amiko.ssh.transport.keys.HostKey;

/** Host keys of every type, generated once per test JVM (RSA takes a while). */
final class TestKeys {

    static final List<String> TYPES = List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp521", "ssh-rsa");

    private static final Map<String, HostKey> KEYS = new ConcurrentHashMap<>();

    private TestKeys() {
    }

    static HostKey hostKey(String type) {
        return KEYS.computeIfAbsent(type, t -> HostKey.generate(t, new SecureRandom()));
    }

    static List<HostKey> all() {
        return TYPES.stream().map(TestKeys::hostKey).toList();
    }
}
