package org.amiko.ssh.channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.amiko.ssh.channel.session.ServerSession;
import org.amiko.ssh.channel.session.SessionHandler;
import org.amiko.ssh.channel.session.SessionRequest;

/**
 * The server side of the pipe tests: a {@link SessionHandler} whose exec commands are tiny
 * programs run on their own thread:
 * <ul>
 * <li>{@code cat}: stdin to stdout until EOF, exit 0;
 * <li>{@code out N err M code C}: N bytes of {@link #pattern} to stderr first, then M to stdout, then exit C;
 * <li>{@code sha}: reads stdin to EOF, prints its SHA-256 in hex;
 * <li>{@code kill SIG}: ends by signal SIG;
 * <li>{@code wait-signal}: ends by whatever signal the client sends.
 * </ul>
 */
final class TestCommands implements SessionHandler {

    private final CompletableFuture<String> signal = new CompletableFuture<>();

    static byte pattern(long i) {
        return (byte) (i * 31 + (i >>> 11));
    }

    @Override
    public boolean request(ServerSession session, SessionRequest request) {
        if (request instanceof SessionRequest.Signal s) {
            signal.complete(s.name());
            return true;
        }
        if (request instanceof SessionRequest.Env || request instanceof SessionRequest.PtyReq) {
            return true;
        }
        if (!(request instanceof SessionRequest.Exec exec)) {
            return false;
        }
        String[] words = exec.command().split(" ");
        session.start(() -> {
            try {
                run(session, words);
            } catch (IOException e) {
                try {
                    session.channel().close();
                } catch (IOException ignored) {
                    // gone
                }
            }
        });
        return true;
    }

    private void run(ServerSession session, String[] words) throws IOException {
        switch (words[0]) {
            case "cat" -> {
                session.stdin().transferTo(session.stdout());
                session.exit(0);
            }
            case "out" -> {
                long err = Long.parseLong(words[3]);
                long out = Long.parseLong(words[1]);
                write(session.stderr(), err);
                write(session.stdout(), out);
                session.exit(Integer.parseInt(words[5]));
            }
            case "sha" -> {
                session.stdout().write(sha256(session.stdin()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                session.exit(0);
            }
            case "kill" -> session.exitBySignal(words[1], false, "");
            case "wait-signal" -> {
                try {
                    session.exitBySignal(signal.get(30, TimeUnit.SECONDS), false, "");
                } catch (Exception e) {
                    session.exit(1);
                }
            }
            default -> {
                session.stderr().write(("unknown command " + words[0] + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                session.exit(127);
            }
        }
    }

    static void write(OutputStream out, long n) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long i = 0;
        while (i < n) {
            int len = (int) Math.min(buf.length, n - i);
            for (int k = 0; k < len; k++) {
                buf[k] = pattern(i + k);
            }
            out.write(buf, 0, len);
            i += len;
        }
    }

    /** Reads to EOF, checking every byte against {@link #pattern}; returns the count. */
    static long readPattern(InputStream in) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long i = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            for (int k = 0; k < n; k++) {
                if (buf[k] != pattern(i + k)) {
                    throw new AssertionError("byte " + (i + k) + " differs");
                }
            }
            i += n;
        }
        return i;
    }

    static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static final Duration WAIT = Duration.ofSeconds(60);
}
