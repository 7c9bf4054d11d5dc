package org.amiko.ssh.client.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.amiko.ssh.transport.crypto.Macs;
import org.junit.jupiter.api.Test;

class AlgorithmListTest {

    private static final List<String> DEFAULTS = List.of("aes128-ctr", "aes256-ctr", "aes256-gcm@openssh.com");
    private static final List<String> SUPPORTED = List.of("aes128-ctr", "aes256-ctr", "aes256-gcm@openssh.com",
            "chacha20-poly1305@openssh.com");

    private static List<String> resolve(String spec) throws SshConfigException {
        return AlgorithmList.resolve(spec, DEFAULTS, SUPPORTED);
    }

    @Test
    void plainListReplacesInItsOrder() throws Exception {
        assertEquals(List.of("chacha20-poly1305@openssh.com", "aes128-ctr"),
                resolve("chacha20-poly1305@openssh.com,aes128-ctr,aes128-ctr"));
    }

    @Test
    void plusAppendsWhatIsNotThereYet() throws Exception {
        assertEquals(List.of("aes128-ctr", "aes256-ctr", "aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com"),
                resolve("+aes256-ctr,chacha20-poly1305@openssh.com"));
    }

    @Test
    void minusRemovesWithWildcards() throws Exception {
        assertEquals(List.of("aes256-gcm@openssh.com"), resolve("-aes*-ctr"));
        assertEquals(List.of("aes128-ctr", "aes256-gcm@openssh.com"), resolve("-aes256-ctr,not-there"));
        assertTrue(assertThrows(SshConfigException.class, () -> resolve("-*")).getMessage()
                .contains("no algorithm left"));
    }

    @Test
    void caretPutsFirst() throws Exception {
        assertEquals(List.of("aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com", "aes128-ctr", "aes256-ctr"),
                resolve("^aes256-gcm@openssh.com,chacha20-poly1305@openssh.com"));
    }

    @Test
    void namesOpenSshKnowsAndAmikoDoesNotAreSkippedBesideSupportedOnes() throws Exception {
        assertEquals(List.of("aes128-ctr"), resolve("aes128-cbc,aes128-ctr,3des-cbc"));
        assertEquals(DEFAULTS, resolve("+aes128-cbc"));
        assertEquals(List.of("aes128-ctr", "aes256-ctr", "aes256-gcm@openssh.com"), resolve("^aes192-cbc,aes128-ctr"));
        assertEquals(List.of(Macs.HMAC_SHA2_256_ETM), AlgorithmList.resolve("umac-64-etm@openssh.com,"
                + Macs.HMAC_SHA2_256_ETM, Macs.defaultNames(), Macs.supportedNames()));
    }

    @Test
    void onlyUnsupportedNamesOrTyposAreErrors() {
        SshConfigException only = assertThrows(SshConfigException.class, () -> resolve("aes128-cbc,3des-cbc"));
        assertTrue(only.getMessage().contains("aes128-cbc"), only.getMessage());
        assertThrows(SshConfigException.class, () -> resolve("^ssh-dss"));
        SshConfigException typo = assertThrows(SshConfigException.class, () -> resolve("aes128-ctr,aes512-ctr"));
        assertTrue(typo.getMessage().contains("aes512-ctr"), typo.getMessage());
        assertThrows(SshConfigException.class, () -> resolve("+aes512-ctr"));
        assertThrows(SshConfigException.class, () -> resolve("aes128-ctr,,aes256-ctr"));
        assertThrows(SshConfigException.class, () -> resolve(""));
        assertThrows(SshConfigException.class, () -> resolve("+"));
    }
}
