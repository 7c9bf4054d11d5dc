package org.amiko.ssh.auth.agent;

import java.nio.file.Path;

/** The agent contract against OpenSSH's real {@code ssh-agent -D -a SOCKET}, one agent per test. */
class OpenSshAgentTest extends AgentContract {

    private SshAgentProcess process;

    @Override
    Path startAgent(Path dir) {
        process = SshAgentProcess.start(dir);
        return process.socket();
    }

    @Override
    void stopAgent() {
        if (process != null) {
            process.close();
        }
    }
}
