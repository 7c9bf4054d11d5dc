package org.amiko.ssh.auth.agent;

import java.io.IOException;
import java.nio.file.Path;

/** The agent contract against our {@link InMemoryAgent}, served on a Unix-domain socket. */
class InMemoryAgentSocketTest extends AgentContract {

    private InMemoryAgent inMemory;
    private InMemoryAgent.Listener listener;

    @Override
    Path startAgent(Path dir) throws IOException {
        inMemory = new InMemoryAgent();
        listener = inMemory.listen(dir.resolve("agent.sock"));
        return listener.socket();
    }

    @Override
    void stopAgent() throws IOException {
        if (inMemory != null) {
            inMemory.close();
        }
    }
}
