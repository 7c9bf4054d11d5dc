/**
 * Test seams on a transport ({@link org.amiko.ssh.transport.seam.PacketTap}, {@link
 * org.amiko.ssh.transport.seam.TransportSeams}): exported only to the test server, which uses them
 * for its fault knobs. A transport started without them behaves exactly as the RFCs say.
 */
package org.amiko.ssh.transport.seam;
