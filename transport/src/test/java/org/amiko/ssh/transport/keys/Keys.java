package org.amiko.ssh.transport.keys;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Test helper: host keys of every type, generated once per test run (RSA generation is slow). */
final class Keys {

    private static final Map<String, HostKey> HOST = new ConcurrentHashMap<>();
    private static final Map<String, HostKey> OTHER = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Keys() {
    }

    static HostKey host(String keyType) {
        return HOST.computeIfAbsent(keyType, t -> HostKey.generate(t, RANDOM));
    }

    /** A second key of the same type, different from {@link #host}. */
    static HostKey other(String keyType) {
        return OTHER.computeIfAbsent(keyType, t -> HostKey.generate(t, RANDOM));
    }
}
