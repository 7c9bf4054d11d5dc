package org.amiko.ssh.auth;

/** Receives the server's banner (RFC 4252 §5.4), which should be shown to the user. */
@FunctionalInterface
public interface BannerListener {

    void banner(String message);

    BannerListener IGNORE = message -> { };
}
