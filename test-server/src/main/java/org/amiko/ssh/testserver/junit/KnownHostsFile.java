package org.amiko.ssh.testserver.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a {@code Path} parameter that {@link SshServerExtension} fills with the running server's known_hosts file. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface KnownHostsFile {
}
