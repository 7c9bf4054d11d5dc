package org.amiko.ssh.auth.server;

import java.util.List;
import org.amiko.ssh.auth.message.UserAuthInfoRequest;

/** The server's keyboard-interactive dialogue (RFC 4256): rounds of prompts and a verdict. */
public interface KeyboardInteractiveChallenge {

    /** The first round for {@code user}. */
    UserAuthInfoRequest start(String user);

    /**
     * Judges the answers to {@code round}: a next round (another request), or the verdict
     * ({@link Verdict}).
     */
    Object answer(String user, UserAuthInfoRequest round, List<String> answers);

    /** The end of the dialogue. */
    enum Verdict { ACCEPTED, REFUSED }

    /** One round of prompts whose answers must equal {@code expected}, in order. */
    static KeyboardInteractiveChallenge fixed(UserAuthInfoRequest round, List<String> expected) {
        return new KeyboardInteractiveChallenge() {
            @Override
            public UserAuthInfoRequest start(String user) {
                return round;
            }

            @Override
            public Object answer(String user, UserAuthInfoRequest r, List<String> answers) {
                return answers.equals(expected) ? Verdict.ACCEPTED : Verdict.REFUSED;
            }
        };
    }
}
