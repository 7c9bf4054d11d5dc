package org.amiko.ssh.auth;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.amiko.ssh.auth.message.UserAuthBanner;
import org.amiko.ssh.auth.message.UserAuthMessage;
import org.amiko.ssh.auth.message.UserAuthRequest;
import org.amiko.ssh.transport.ConnectionClosedException;
import org.amiko.ssh.transport.Transport;

/**
 * One client authentication conversation: sends requests, reads the answers (handing banners to
 * the listener on the way), keeps the deadline and the record of what was tried. Used by one thread.
 */
final class AuthExchange {

    private final Transport transport;
    private final String user;
    private final String service;
    private final BannerListener banners;
    private final long deadline;
    private static final System.Logger LOG = System.getLogger(AuthExchange.class.getName());

    private final List<String> tried = new ArrayList<>();

    AuthExchange(Transport transport, String user, String service, BannerListener banners, Duration timeout) {
        this.transport = transport;
        this.user = user;
        this.service = service;
        this.banners = banners;
        this.deadline = System.nanoTime() + timeout.toNanos();
    }

    Transport transport() {
        return transport;
    }

    String user() {
        return user;
    }

    String service() {
        return service;
    }

    void tried(String what) {
        tried.add(what);
        LOG.log(System.Logger.Level.DEBUG, "authentication: {0}", what);
    }

    List<String> tried() {
        return tried;
    }

    /** Sends a request with this method and returns the server's answer. */
    UserAuthMessage request(UserAuthRequest.Method method) throws IOException {
        transport.send(new UserAuthRequest(user, service, method).toPayload());
        return answer(method.name());
    }

    /** Sends a message within the method (an info response) and returns the answer. */
    UserAuthMessage reply(UserAuthMessage message, String method) throws IOException {
        transport.send(message.toPayload());
        return answer(method);
    }

    /** The next answer that is not a banner. */
    private UserAuthMessage answer(String method) throws IOException {
        while (true) {
            long left = deadline - System.nanoTime();
            byte[] payload = left > 0 ? transport.receive(Duration.ofNanos(left)) : null;
            if (payload == null) {
                throw new ConnectionClosedException("user authentication did not finish in time");
            }
            UserAuthMessage m = UserAuthMessage.decode(payload, method);
            if (m instanceof UserAuthBanner b) {
                banners.banner(b.message());
            } else {
                return m;
            }
        }
    }
}
