/** The user authentication messages (RFC 4252 §5-§8, RFC 4256 §3), one record each. */
package org.amiko.ssh.auth.message;
