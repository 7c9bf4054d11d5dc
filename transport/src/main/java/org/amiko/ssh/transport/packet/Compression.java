package org.amiko.ssh.transport.packet;

import java.util.List;

/**
 * The compression methods of RFC 4253 §6.2 and OpenSSH's delayed variant (PROTOCOL §1.2
 * "zlib@openssh.com": compression starts only after user authentication succeeds).
 */
public final class Compression {

    public static final String NONE = "none";
    public static final String ZLIB = "zlib";
    public static final String ZLIB_DELAYED = "zlib@openssh.com";

    private Compression() {
    }

    /** Every method amiko speaks. OpenSSH 9.x offers {@code none,zlib@openssh.com} by default. */
    public static List<String> supportedNames() {
        return List.of(NONE, ZLIB_DELAYED, ZLIB);
    }

    static void require(String name) {
        if (!supportedNames().contains(name)) {
            throw new IllegalArgumentException("unknown compression " + name);
        }
    }
}
