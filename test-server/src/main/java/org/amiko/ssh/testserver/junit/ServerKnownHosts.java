package org.amiko.ssh.testserver.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code Path} parameter that {@link SshServerExtension} fills with a known_hosts file that
 * trusts the running server (named so, not KnownHostsFile: that is known-hosts' parsed file type).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ServerKnownHosts {
}
