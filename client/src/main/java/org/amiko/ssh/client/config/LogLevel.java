package org.amiko.ssh.client.config;

/** ssh_config(5) LogLevel; {@code DEBUG} is the same as {@code DEBUG1}. */
public enum LogLevel {
    QUIET, FATAL, ERROR, INFO, VERBOSE, DEBUG1, DEBUG2, DEBUG3
}
