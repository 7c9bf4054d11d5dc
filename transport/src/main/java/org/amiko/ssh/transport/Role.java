package org.amiko.ssh.transport;

/** Which end of the connection we are. Decides who sends what first and which key letters are whose (RFC 4253 §7.2). */
public enum Role {
    CLIENT,
    SERVER;

    public boolean isClient() {
        return this == CLIENT;
    }
}
