package org.amiko.ssh.knownhosts;

/**
 * Why a line (or a key blob inside it) is malformed. Internal and cheap: no stack trace, since a
 * hostile file may hold many thousands of bad lines.
 */
final class LineFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    LineFormatException(String reason) {
        super(reason, null, false, false);
    }
}
