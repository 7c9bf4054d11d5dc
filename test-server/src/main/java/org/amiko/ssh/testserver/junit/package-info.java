/** The JUnit 5 extension that starts and stops a {@link org.amiko.ssh.testserver.TestServer} around tests. */
package org.amiko.ssh.testserver.junit;
