package org.amiko.ssh.auth.agent;

import org.amiko.ssh.transport.SshException;

/**
 * The agent refused a request: it answered SSH_AGENT_FAILURE (draft-miller-ssh-agent,
 * "Generic server responses"), or an
 * agent in this process refused the same thing. Carries the request's message number; the
 * connection stays usable.
 */
public final class AgentException extends SshException {

    private final int request;

    public AgentException(int request, String message) {
        super(message);
        this.request = request;
    }

    /** The number of the refused request, such as {@link AgentProtocol#SSH_AGENTC_SIGN_REQUEST}. */
    public int request() {
        return request;
    }

    /** The draft's name of the refused request. */
    public String requestName() {
        return AgentProtocol.name(request);
    }
}
