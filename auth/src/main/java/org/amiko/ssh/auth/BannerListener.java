package org.amiko.ssh.auth;

/**
 * Receives the server's banner (RFC 4252 §5.4), which should be shown to the user. The text is
 * the server's, unchanged and untrusted: it may hold control characters and terminal escape
 * sequences, so make it safe before printing it to a terminal (bin/amiko does, as ssh does).
 */
@FunctionalInterface
public interface BannerListener {

    void banner(String message);

    BannerListener IGNORE = message -> { };
}
