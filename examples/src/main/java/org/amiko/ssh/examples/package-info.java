/** Small programs that show the client API; ExamplesTest runs each against amiko's test server. */
package org.amiko.ssh.examples;
