/**
 * An embeddable SSH server for tests ({@link org.amiko.ssh.testserver.TestServer}): the server role
 * of amiko's transport, auth and channel modules, with pluggable commands ({@code /bin/sh -c} by
 * default, or scripted), conformance {@link org.amiko.ssh.testserver.Knobs} and
 * {@link org.amiko.ssh.testserver.Fault}s.
 */
package org.amiko.ssh.testserver;
