package org.amiko.ssh.transport.testing;

/**
 * What every fuzz target checks besides "no untyped exception": a typed exception that only
 * wraps a bug of ours (the catch-alls that turn a RuntimeException into "internal error ...")
 * is a finding too. Only the catch-alls' own exceptions count: their message starts with
 * "internal error" and their cause is the RuntimeException or Error itself (a peer's text may
 * say "internal error" anywhere, and the fuzzer learns to say it).
 */
public final class FuzzChecks {

    private FuzzChecks() {
    }

    /** Call with each typed exception bad input produced; throws if it hides an internal error. */
    public static void expected(Throwable typed) {
        for (Throwable t = typed; t != null; t = t.getCause()) {
            String m = t.getMessage();
            Throwable cause = t.getCause();
            if (m != null && m.startsWith("internal error") && (cause instanceof RuntimeException || cause instanceof Error)) {
                throw new AssertionError("a bug of ours behind a typed exception: " + typed, typed);
            }
        }
    }
}
