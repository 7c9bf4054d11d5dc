package org.amiko.ssh.transport.testing;

/**
 * What every fuzz target checks besides "no untyped exception": a typed exception that only
 * wraps a bug of ours (the catch-alls that turn a RuntimeException into "internal error ...")
 * is a finding too.
 */
public final class FuzzChecks {

    private FuzzChecks() {
    }

    /** Call with each typed exception bad input produced; throws if it hides an internal error. */
    public static void expected(Throwable typed) {
        for (Throwable t = typed; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains("internal error")) {
                throw new AssertionError("a bug of ours behind a typed exception: " + typed, typed);
            }
        }
    }
}
