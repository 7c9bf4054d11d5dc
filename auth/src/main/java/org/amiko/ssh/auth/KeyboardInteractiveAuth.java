package org.amiko.ssh.auth;

import java.io.IOException;
import java.util.List;
import org.amiko.ssh.auth.message.UserAuthFailure;
import org.amiko.ssh.auth.message.UserAuthInfoRequest;
import org.amiko.ssh.auth.message.UserAuthInfoResponse;
import org.amiko.ssh.auth.message.UserAuthMessage;
import org.amiko.ssh.auth.message.UserAuthRequest;
import org.amiko.ssh.transport.ProtocolException;

/**
 * RFC 4256 keyboard-interactive: the server sends rounds of prompts (perhaps none), the
 * {@link Prompter} answers each round.
 */
public record KeyboardInteractiveAuth(Prompter prompter) implements AuthMethod {

    /** A bound on rounds, against a server that never stops asking. */
    static final int MAX_ROUNDS = 32;

    /**
     * Answers one round of prompts; null to give up. Name, instruction and prompts are the
     * server's, unchanged and untrusted: make them safe before showing them on a terminal.
     */
    @FunctionalInterface
    public interface Prompter {
        List<String> answers(String name, String instruction, List<UserAuthInfoRequest.Prompt> prompts) throws IOException;
    }

    @Override
    public String name() {
        return "keyboard-interactive";
    }

    @Override
    public UserAuthMessage attempt(AuthExchange ex) throws IOException {
        UserAuthMessage answer = ex.request(new UserAuthRequest.KeyboardInteractive("", ""));
        for (int round = 0; answer instanceof UserAuthInfoRequest request; round++) {
            if (round == MAX_ROUNDS) {
                throw new ProtocolException("keyboard-interactive: more than " + MAX_ROUNDS + " rounds of prompts");
            }
            List<String> answers = prompter.answers(request.name(), request.instruction(), request.prompts());
            if (answers == null) {
                ex.tried("keyboard-interactive: cancelled at the prompt");
                return new UserAuthFailure(List.of(), false);
            }
            if (answers.size() != request.prompts().size()) {
                throw new IllegalArgumentException(answers.size() + " answers for " + request.prompts().size() + " prompts");
            }
            answer = ex.reply(new UserAuthInfoResponse(answers), name());
        }
        ex.tried("keyboard-interactive: " + PublicKeyAuth.describe(answer));
        return answer;
    }
}
