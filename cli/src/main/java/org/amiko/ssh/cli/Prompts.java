package org.amiko.ssh.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Where passwords and passphrases come from, with OpenSSH's rules: the program named by
 * {@code SSH_ASKPASS} when {@code SSH_ASKPASS_REQUIRE=force} (the prompt is its first argument, the
 * answer its stdout), else the terminal; under BatchMode nothing is ever asked.
 */
final class Prompts {

    private final boolean batch;

    Prompts(boolean batch) {
        this.batch = batch;
    }

    /** The answer, or null when nothing may or can be asked. */
    String ask(String prompt, boolean echo) throws IOException {
        if (batch) {
            return null;
        }
        String askpass = System.getenv("SSH_ASKPASS");
        String require = System.getenv("SSH_ASKPASS_REQUIRE");
        Console console = System.console();
        if (askpass != null && !askpass.isEmpty() && ("force".equals(require) || (console == null && !"never".equals(require)
                && System.getenv("DISPLAY") != null))) {
            Process p = new ProcessBuilder(askpass, prompt).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    return null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
        }
        if (console == null) {
            return null;
        }
        if (echo) {
            return console.readLine("%s", prompt);
        }
        char[] answer = console.readPassword("%s", prompt);
        return answer == null ? null : new String(answer);
    }
}
