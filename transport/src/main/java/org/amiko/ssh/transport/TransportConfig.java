package org.amiko.ssh.transport;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import org.amiko.ssh.transport.crypto.Ciphers;
import org.amiko.ssh.transport.crypto.Macs;
import org.amiko.ssh.transport.kex.KexContext;
import org.amiko.ssh.transport.kex.KexMethods;
import org.amiko.ssh.transport.keys.HostKey;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.packet.Compression;
import org.amiko.ssh.transport.packet.PacketDecoder;

/**
 * Everything a {@link Transport} is configured with; immutable, made by {@link #builder()}.
 * Defaults are secure: modern algorithms in OpenSSH's order, SHA-1 ones off, strict kex on.
 */
public final class TransportConfig {

    /** Our identification line (RFC 4253 §4.2). */
    public static final String DEFAULT_IDENTIFICATION = "SSH-2.0-amiko_0.1";

    private final String identification;
    private final List<String> kexAlgorithms;
    private final List<String> hostKeyAlgorithms;
    private final List<String> ciphers;
    private final List<String> macs;
    private final List<String> compression;
    private final List<HostKey> hostKeys;
    private final HostKeyVerifier hostKeyVerifier;
    private final long rekeyBytes;
    private final Duration rekeyInterval;
    private final Duration handshakeTimeout;
    private final Duration sendTimeout;
    private final Duration writeTimeout;
    private final int maxQueuedBytes;
    private final int maxIncomingPacket;
    private final int maxOutgoingPacket;
    private final KexContext.GroupBits groupBits;
    private final SecureRandom random;
    private final ThreadFactory threadFactory;
    private final boolean strictKex;

    private TransportConfig(Builder b) {
        identification = b.identification;
        kexAlgorithms = List.copyOf(b.kexAlgorithms);
        hostKeyAlgorithms = List.copyOf(b.hostKeyAlgorithms);
        ciphers = List.copyOf(b.ciphers);
        macs = List.copyOf(b.macs);
        compression = List.copyOf(b.compression);
        hostKeys = List.copyOf(b.hostKeys);
        hostKeyVerifier = b.hostKeyVerifier;
        rekeyBytes = b.rekeyBytes;
        rekeyInterval = b.rekeyInterval;
        handshakeTimeout = b.handshakeTimeout;
        sendTimeout = b.sendTimeout;
        writeTimeout = b.writeTimeout;
        maxQueuedBytes = b.maxQueuedBytes;
        maxIncomingPacket = b.maxIncomingPacket;
        maxOutgoingPacket = b.maxOutgoingPacket;
        groupBits = b.groupBits;
        random = b.random;
        threadFactory = b.threadFactory;
        strictKex = b.strictKex;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String identification() {
        return identification;
    }

    public List<String> kexAlgorithms() {
        return kexAlgorithms;
    }

    public List<String> hostKeyAlgorithms() {
        return hostKeyAlgorithms;
    }

    public List<String> ciphers() {
        return ciphers;
    }

    public List<String> macs() {
        return macs;
    }

    public List<String> compression() {
        return compression;
    }

    /** The server's host keys (empty on a client). */
    public List<HostKey> hostKeys() {
        return hostKeys;
    }

    /** The client's host key decision (null on a server). */
    public HostKeyVerifier hostKeyVerifier() {
        return hostKeyVerifier;
    }

    /** Re-key after this many bytes in either direction; 0 means the cipher's own limit (RFC 4344 §3.2). */
    public long rekeyBytes() {
        return rekeyBytes;
    }

    /** Re-key after this much time; zero means never for time alone. */
    public Duration rekeyInterval() {
        return rekeyInterval;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** How long a send may wait for a key exchange in progress to finish. */
    public Duration sendTimeout() {
        return sendTimeout;
    }

    /**
     * How long one write to the peer may block (the peer not reading) before the transport ends:
     * a peer that stops reading cannot hold a writer, or the connection, forever.
     */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /**
     * How many bytes of received messages may wait for the layers above before the transport
     * stops reading from the peer (TCP then slows the peer down). While a key exchange of ours is
     * in flight, or the layer above is itself sending, it reads on, up to sixteen times this, so
     * that neither side waits for the other for ever; past that the peer is flooding and the
     * transport ends.
     */
    public int maxQueuedBytes() {
        return maxQueuedBytes;
    }

    public int maxIncomingPacket() {
        return maxIncomingPacket;
    }

    public int maxOutgoingPacket() {
        return maxOutgoingPacket;
    }

    public KexContext.GroupBits groupBits() {
        return groupBits;
    }

    public SecureRandom random() {
        return random;
    }

    public ThreadFactory threadFactory() {
        return threadFactory;
    }

    /** Whether we offer OpenSSH's strict key exchange (on by default; off only to test its absence). */
    public boolean strictKex() {
        return strictKex;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.identification = identification;
        b.kexAlgorithms = kexAlgorithms;
        b.hostKeyAlgorithms = hostKeyAlgorithms;
        b.ciphers = ciphers;
        b.macs = macs;
        b.compression = compression;
        b.hostKeys = hostKeys;
        b.hostKeyVerifier = hostKeyVerifier;
        b.rekeyBytes = rekeyBytes;
        b.rekeyInterval = rekeyInterval;
        b.handshakeTimeout = handshakeTimeout;
        b.sendTimeout = sendTimeout;
        b.writeTimeout = writeTimeout;
        b.maxQueuedBytes = maxQueuedBytes;
        b.maxIncomingPacket = maxIncomingPacket;
        b.maxOutgoingPacket = maxOutgoingPacket;
        b.groupBits = groupBits;
        b.random = random;
        b.threadFactory = threadFactory;
        b.strictKex = strictKex;
        return b;
    }

    /** Builds a {@link TransportConfig}. Every setter replaces; lists are in preference order. */
    public static final class Builder {
        private String identification = DEFAULT_IDENTIFICATION;
        private List<String> kexAlgorithms = KexMethods.defaultNames();
        private List<String> hostKeyAlgorithms = SignatureAlgorithm.defaultNames();
        private List<String> ciphers = Ciphers.defaultNames();
        private List<String> macs = Macs.defaultNames();
        private List<String> compression = List.of(Compression.NONE, Compression.ZLIB_DELAYED);
        private List<HostKey> hostKeys = List.of();
        private HostKeyVerifier hostKeyVerifier;
        private long rekeyBytes;
        private Duration rekeyInterval = Duration.ZERO;
        private Duration handshakeTimeout = Duration.ofSeconds(30);
        private Duration sendTimeout = Duration.ofSeconds(60);
        private Duration writeTimeout = Duration.ofSeconds(60);
        private int maxQueuedBytes = 4 << 20;
        private int maxIncomingPacket = PacketDecoder.DEFAULT_MAX_PACKET_LENGTH;
        private int maxOutgoingPacket = PacketDecoder.DEFAULT_MAX_PACKET_LENGTH;
        private KexContext.GroupBits groupBits = KexContext.GroupBits.DEFAULT;
        private SecureRandom random = new SecureRandom();
        private ThreadFactory threadFactory = r -> {
            Thread t = new Thread(r, "amiko-transport-reader");
            t.setDaemon(true);
            return t;
        };
        private boolean strictKex = true;

        private Builder() {
        }

        public Builder identification(String v) {
            org.amiko.ssh.transport.io.VersionExchange.requireValid(v);
            identification = v;
            return this;
        }

        public Builder kexAlgorithms(List<String> v) {
            for (String name : v) {
                if (KexMethods.find(name).isEmpty()) {
                    throw new IllegalArgumentException("unknown key exchange method " + name);
                }
            }
            kexAlgorithms = v;
            return this;
        }

        public Builder hostKeyAlgorithms(List<String> v) {
            for (String name : v) {
                if (SignatureAlgorithm.find(name).isEmpty()) {
                    throw new IllegalArgumentException("unknown host key algorithm " + name);
                }
            }
            hostKeyAlgorithms = v;
            return this;
        }

        public Builder ciphers(List<String> v) {
            for (String name : v) {
                if (Ciphers.find(name).isEmpty()) {
                    throw new IllegalArgumentException("unknown cipher " + name);
                }
            }
            ciphers = v;
            return this;
        }

        public Builder macs(List<String> v) {
            for (String name : v) {
                if (Macs.find(name).isEmpty()) {
                    throw new IllegalArgumentException("unknown MAC " + name);
                }
            }
            macs = v;
            return this;
        }

        public Builder compression(List<String> v) {
            for (String name : v) {
                if (!Compression.supportedNames().contains(name)) {
                    throw new IllegalArgumentException("unknown compression " + name);
                }
            }
            compression = v;
            return this;
        }

        public Builder hostKeys(List<HostKey> v) {
            hostKeys = v;
            return this;
        }

        public Builder hostKeyVerifier(HostKeyVerifier v) {
            hostKeyVerifier = Objects.requireNonNull(v);
            return this;
        }

        public Builder rekeyBytes(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("rekeyBytes " + v);
            }
            rekeyBytes = v;
            return this;
        }

        public Builder rekeyInterval(Duration v) {
            rekeyInterval = Objects.requireNonNull(v);
            return this;
        }

        public Builder handshakeTimeout(Duration v) {
            handshakeTimeout = Objects.requireNonNull(v);
            return this;
        }

        public Builder sendTimeout(Duration v) {
            sendTimeout = Objects.requireNonNull(v);
            return this;
        }

        public Builder writeTimeout(Duration v) {
            if (v.isNegative() || v.isZero()) {
                throw new IllegalArgumentException("writeTimeout " + v);
            }
            writeTimeout = v;
            return this;
        }

        /** At least the largest packet we accept, so that one message always fits. */
        public Builder maxQueuedBytes(int v) {
            if (v < PacketDecoder.MIN_MAX_PACKET_LENGTH) {
                throw new IllegalArgumentException("maxQueuedBytes " + v + " is below " + PacketDecoder.MIN_MAX_PACKET_LENGTH);
            }
            maxQueuedBytes = v;
            return this;
        }

        public Builder maxIncomingPacket(int v) {
            maxIncomingPacket = v;
            return this;
        }

        public Builder maxOutgoingPacket(int v) {
            maxOutgoingPacket = v;
            return this;
        }

        public Builder groupBits(KexContext.GroupBits v) {
            groupBits = Objects.requireNonNull(v);
            return this;
        }

        public Builder random(SecureRandom v) {
            random = Objects.requireNonNull(v);
            return this;
        }

        public Builder threadFactory(ThreadFactory v) {
            threadFactory = Objects.requireNonNull(v);
            return this;
        }

        public Builder strictKex(boolean v) {
            strictKex = v;
            return this;
        }

        public TransportConfig build() {
            return new TransportConfig(this);
        }
    }
}
