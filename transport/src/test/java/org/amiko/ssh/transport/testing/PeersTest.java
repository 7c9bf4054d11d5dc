package org.amiko.ssh.transport.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class PeersTest {

    @Test
    void findsTheInstalledPeers() {
        assertTrue(Files.isExecutable(Peers.sshd()));
        assertTrue(Files.isExecutable(Peers.sshKeygen()));
        assertTrue(Files.isExecutable(Peers.dropbear()));
    }

    @Test
    void aMissingPeerFailsWithThePackageAndTheInstallHint() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> Peers.find("amiko-no-such-peer", "openssh-client"));
        String message = error.getMessage();
        assertTrue(message.contains("amiko-no-such-peer"), message);
        assertTrue(message.contains("openssh-client"), message);
        assertTrue(message.contains("scripts/test"), message);
    }
}
