/** The server side of user authentication: pluggable checkers, attempt and time limits. */
package org.amiko.ssh.auth.server;
