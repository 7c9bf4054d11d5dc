package org.amiko.ssh.testserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Legitimate but unusual server behaviour, and {@link Fault}s, for conformance testing of clients.
 * Every knob is off by default; {@link TestServer.Builder#knobs} applies them.
 *
 * <ul>
 *   <li>{@link Builder#version}: the identification line, and {@link Builder#preamble} lines before it (RFC 4253 §4.2);</li>
 *   <li>{@link Builder#ignoreEvery} / {@link Builder#debugEvery}: an SSH_MSG_IGNORE or SSH_MSG_DEBUG before every
 *       n-th message of the layers above the transport (RFC 4253 §11.2, §11.3);</li>
 *   <li>{@link Builder#rekeyEveryBytes}: the server starts a key re-exchange after that many bytes (RFC 4253 §9);</li>
 *   <li>{@link Builder#window} / {@link Builder#maxPacket}: the channel window and packet size the server offers (RFC 4254 §5.2), down to 1 byte;</li>
 *   <li>{@link Builder#banner}: an authentication banner (RFC 4252 §5.4);</li>
 *   <li>{@link Builder#requiredMethods}: chains of methods that must all succeed, so clients see partial success (RFC 4252 §5.1);</li>
 *   <li>{@link Builder#exitSignal}: every command ends with this exit-signal instead of its exit-status (RFC 4254 §6.10);</li>
 *   <li>{@link Builder#stderrFlood}: every command first writes this many bytes to stderr;</li>
 *   <li>{@link Builder#guessedKexPacket}: a wrong guessed first key exchange packet after the server's KEXINIT (RFC 4253 §7);</li>
 *   <li>{@link Builder#fault}: the faults, see {@link Fault}.</li>
 * </ul>
 */
public final class Knobs {

    public static final Knobs NONE = builder().build();
    /** The key exchange method a server with {@link Builder#guessedKexPacket()} lists first. */
    public static final String GUESS_KEX = "diffie-hellman-group14-sha256";

    private final String version;
    private final List<String> preamble;
    private final int ignoreEvery;
    private final int debugEvery;
    private final long rekeyEveryBytes;
    private final int window;
    private final int maxPacket;
    private final String banner;
    private final List<List<String>> requiredMethods;
    private final String exitSignal;
    private final long stderrFlood;
    private final List<Fault> faults;
    private final boolean guessedKexPacket;

    private Knobs(Builder b) {
        version = b.version;
        preamble = List.copyOf(b.preamble);
        ignoreEvery = b.ignoreEvery;
        debugEvery = b.debugEvery;
        rekeyEveryBytes = b.rekeyEveryBytes;
        window = b.window;
        maxPacket = b.maxPacket;
        banner = b.banner;
        requiredMethods = b.requiredMethods;
        exitSignal = b.exitSignal;
        stderrFlood = b.stderrFlood;
        faults = List.copyOf(b.faults);
        guessedKexPacket = b.guessedKexPacket;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Null: the transport's default identification. */
    public String version() {
        return version;
    }

    public List<String> preamble() {
        return preamble;
    }

    public int ignoreEvery() {
        return ignoreEvery;
    }

    public int debugEvery() {
        return debugEvery;
    }

    public long rekeyEveryBytes() {
        return rekeyEveryBytes;
    }

    /** 0: the connection default. */
    public int window() {
        return window;
    }

    /** 0: the connection default. */
    public int maxPacket() {
        return maxPacket;
    }

    public String banner() {
        return banner;
    }

    /** Null: any one offered method suffices. */
    public List<List<String>> requiredMethods() {
        return requiredMethods;
    }

    public String exitSignal() {
        return exitSignal;
    }

    public long stderrFlood() {
        return stderrFlood;
    }

    public List<Fault> faults() {
        return faults;
    }

    public boolean guessedKexPacket() {
        return guessedKexPacket;
    }

    public static final class Builder {
        private String version;
        private final List<String> preamble = new ArrayList<>();
        private int ignoreEvery;
        private int debugEvery;
        private long rekeyEveryBytes;
        private int window;
        private int maxPacket;
        private String banner;
        private List<List<String>> requiredMethods;
        private String exitSignal;
        private long stderrFlood;
        private final List<Fault> faults = new ArrayList<>();
        private boolean guessedKexPacket;

        private Builder() {
        }

        /** The whole identification line, e.g. {@code SSH-2.0-OddServer_1.0 comment}. */
        public Builder version(String v) {
            version = Objects.requireNonNull(v);
            return this;
        }

        public Builder preamble(String... lines) {
            preamble.addAll(List.of(lines));
            return this;
        }

        public Builder ignoreEvery(int n) {
            ignoreEvery = positive(n);
            return this;
        }

        public Builder debugEvery(int n) {
            debugEvery = positive(n);
            return this;
        }

        public Builder rekeyEveryBytes(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("rekey after " + n + " bytes");
            }
            rekeyEveryBytes = n;
            return this;
        }

        public Builder window(int bytes) {
            window = positive(bytes);
            return this;
        }

        public Builder maxPacket(int bytes) {
            maxPacket = positive(bytes);
            return this;
        }

        public Builder banner(String text) {
            banner = Objects.requireNonNull(text);
            return this;
        }

        /** E.g. {@code List.of(List.of("publickey", "password"))}: a key, then a password. */
        public Builder requiredMethods(List<List<String>> chains) {
            requiredMethods = chains.stream().map(List::copyOf).toList();
            return this;
        }

        /** A signal name without "SIG", such as {@code TERM}. */
        public Builder exitSignal(String signal) {
            exitSignal = Objects.requireNonNull(signal);
            return this;
        }

        public Builder stderrFlood(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("stderr flood " + bytes);
            }
            stderrFlood = bytes;
            return this;
        }

        /**
         * The server's KEXINIT says a guessed key exchange packet follows, and one does; its list
         * starts with {@value #GUESS_KEX}, which clients rarely put first, so the guess is wrong and
         * the client must skip the packet (RFC 4253 §7).
         */
        public Builder guessedKexPacket() {
            guessedKexPacket = true;
            return this;
        }

        public Builder fault(Fault fault) {
            faults.add(Objects.requireNonNull(fault));
            return this;
        }

        public Knobs build() {
            return new Knobs(this);
        }

        private static int positive(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("must be at least 1: " + n);
            }
            return n;
        }
    }
}
