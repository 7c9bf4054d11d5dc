package org.amiko.ssh.channel;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Immutable settings of a {@link Connection}: the window and packet size we offer on each
 * channel, how many channels may be open, the timeouts, and the dispatch thread's factory.
 *
 * <p>Defaults: a 2 MiB window and 32 KiB packets, as OpenSSH offers; at most 1024 channels; 30 s
 * to open a channel or answer a request; 10 minutes for a read or a write to make progress; 64 MiB
 * of one stream parked while the application waits on its sibling (see {@link ChannelInputStream}).
 */
public final class ConnectionConfig {

    /** The most a peer can be told to send in one packet that every transport takes (RFC 4253 §6.1 asks for 32768). */
    public static final int DEFAULT_MAX_PACKET = 32 * 1024;
    public static final int DEFAULT_WINDOW = 2 * 1024 * 1024;

    private final int windowSize;
    private final int maxPacketSize;
    private final int maxSendPacket;
    private final int maxChannels;
    private final Duration openTimeout;
    private final Duration requestTimeout;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final long parkedStreamLimit;
    private final Map<String, ChannelOpenHandler> openHandlers;
    private final Map<String, GlobalRequestHandler> globalHandlers;
    private final ThreadFactory threadFactory;

    private ConnectionConfig(Builder b) {
        this.windowSize = b.windowSize;
        this.maxPacketSize = b.maxPacketSize;
        this.maxSendPacket = b.maxSendPacket;
        this.maxChannels = b.maxChannels;
        this.openTimeout = b.openTimeout;
        this.requestTimeout = b.requestTimeout;
        this.readTimeout = b.readTimeout;
        this.writeTimeout = b.writeTimeout;
        this.parkedStreamLimit = b.parkedStreamLimit;
        this.openHandlers = Map.copyOf(b.openHandlers);
        this.globalHandlers = Map.copyOf(b.globalHandlers);
        this.threadFactory = b.threadFactory;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ConnectionConfig defaults() {
        return builder().build();
    }

    /** The window we give the peer on each channel (RFC 4254 §5.2). */
    public int windowSize() {
        return windowSize;
    }

    /** The largest data packet we accept (our "maximum packet size", §5.1). */
    public int maxPacketSize() {
        return maxPacketSize;
    }

    /** The largest data packet we send, whatever the peer offers. */
    public int maxSendPacket() {
        return maxSendPacket;
    }

    public int maxChannels() {
        return maxChannels;
    }

    public Duration openTimeout() {
        return openTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public Duration writeTimeout() {
        return writeTimeout;
    }

    public long parkedStreamLimit() {
        return parkedStreamLimit;
    }

    /** Handlers for channel types the peer may open, by type; other types are refused (UNKNOWN_CHANNEL_TYPE). */
    public Map<String, ChannelOpenHandler> openHandlers() {
        return openHandlers;
    }

    /** Handlers for global requests from the peer, by name; others get REQUEST_FAILURE (RFC 4254 §4). */
    public Map<String, GlobalRequestHandler> globalHandlers() {
        return globalHandlers;
    }

    public ThreadFactory threadFactory() {
        return threadFactory;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.windowSize = windowSize;
        b.maxPacketSize = maxPacketSize;
        b.maxSendPacket = maxSendPacket;
        b.maxChannels = maxChannels;
        b.openTimeout = openTimeout;
        b.requestTimeout = requestTimeout;
        b.readTimeout = readTimeout;
        b.writeTimeout = writeTimeout;
        b.parkedStreamLimit = parkedStreamLimit;
        b.openHandlers.putAll(openHandlers);
        b.globalHandlers.putAll(globalHandlers);
        b.threadFactory = threadFactory;
        return b;
    }

    public static final class Builder {
        private int windowSize = DEFAULT_WINDOW;
        private int maxPacketSize = DEFAULT_MAX_PACKET;
        private int maxSendPacket = 256 * 1024 - 1024;
        private int maxChannels = 1024;
        private Duration openTimeout = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration readTimeout = Duration.ofMinutes(10);
        private Duration writeTimeout = Duration.ofMinutes(10);
        private long parkedStreamLimit = 64L * 1024 * 1024;
        private final java.util.HashMap<String, ChannelOpenHandler> openHandlers = new java.util.HashMap<>();
        private final java.util.HashMap<String, GlobalRequestHandler> globalHandlers = new java.util.HashMap<>();
        private ThreadFactory threadFactory = r -> {
            Thread t = new Thread(r, "amiko-connection");
            t.setDaemon(true);
            return t;
        };

        private Builder() {
        }

        /** 1 byte up to 2^31-1; a window below the packet size makes every packet smaller. */
        public Builder windowSize(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("window " + v);
            }
            windowSize = v;
            return this;
        }

        public Builder maxPacketSize(int v) {
            if (v < 1 || v > 256 * 1024 - 1024) {
                throw new IllegalArgumentException("maximum packet size " + v + " (1 to 261120)");
            }
            maxPacketSize = v;
            return this;
        }

        public Builder maxSendPacket(int v) {
            if (v < 1 || v > 256 * 1024 - 1024) {
                throw new IllegalArgumentException("maximum send packet " + v + " (1 to 261120)");
            }
            maxSendPacket = v;
            return this;
        }

        public Builder maxChannels(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("maxChannels " + v);
            }
            maxChannels = v;
            return this;
        }

        public Builder openTimeout(Duration v) {
            openTimeout = positive(v);
            return this;
        }

        public Builder requestTimeout(Duration v) {
            requestTimeout = positive(v);
            return this;
        }

        public Builder readTimeout(Duration v) {
            readTimeout = positive(v);
            return this;
        }

        public Builder writeTimeout(Duration v) {
            writeTimeout = positive(v);
            return this;
        }

        public Builder parkedStreamLimit(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("parkedStreamLimit " + v);
            }
            parkedStreamLimit = v;
            return this;
        }

        /** Lets the peer open channels of {@code type}, decided by {@code handler}. */
        public Builder openHandler(String type, ChannelOpenHandler handler) {
            openHandlers.put(Objects.requireNonNull(type), Objects.requireNonNull(handler));
            return this;
        }

        /** Answers the peer's global requests called {@code name}. */
        public Builder globalHandler(String name, GlobalRequestHandler handler) {
            globalHandlers.put(Objects.requireNonNull(name), Objects.requireNonNull(handler));
            return this;
        }

        public Builder threadFactory(ThreadFactory v) {
            threadFactory = Objects.requireNonNull(v);
            return this;
        }

        public ConnectionConfig build() {
            return new ConnectionConfig(this);
        }

        private static Duration positive(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + d);
            }
            return d;
        }
    }
}
