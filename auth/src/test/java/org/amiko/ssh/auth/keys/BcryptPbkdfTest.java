package org.amiko.ssh.auth.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * bcrypt_pbkdf against the published vectors of OpenBSD's regress test
 * ({@code regress/lib/libutil/bcrypt_pbkdf}, also carried by RustCrypto's bcrypt-pbkdf), and the
 * Blowfish initial state against the published words of pi. Keys made by ssh-keygen are the
 * other check: see {@link SshKeygenKeyFilesTest}.
 */
class BcryptPbkdfTest {

    static Stream<Arguments> openBsdVectors() {
        String lorem = "Lorem ipsum dolor sit amet, consectetur adipisicing elit, "
                + "sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. "
                + "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris "
                + "nisi ut aliquip ex ea commodo consequat. "
                + "Duis aute irure dolor in reprehenderit in voluptate velit esse cillum "
                + "dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non "
                + "proident, sunt in culpa qui officia deserunt mollit anim id est laborum.";
        return Stream.of(
                Arguments.of("password", "salt", 4, "5bbf0cc293587f1c3635555c27796598d47e579071bf427e9d8fbe842aba34d9"),
                Arguments.of("password", "\0", 4, "c12b566235eee04c212598970a579a67"),
                Arguments.of("\0", "salt", 4, "6051be18c2f4f82cbf0efee5471b4bb9"),
                Arguments.of("password\0", "salt\0", 4, "7410e44cf4fa07bfaac8a928b1727fac001375e7bf7384370f48efd121743050"),
                Arguments.of("pass\0wor", "sa\0l", 4, "c2bffd9db38f6569efef4372f4de83c0"),
                Arguments.of("pass\0word", "sa\0lt", 4, "4ba4ac3925c0e8d7f0cdb6bb1684a56f"),
                Arguments.of("password", "salt", 8, "e1367ec5151a33faac4cc1c144cd23fa15d5548493ecc99b9b5d9c0d3b27bec7"
                        + "6227ea66088b849b20ab7aa478010246e74bba51723fefa9f9474d6508845e8d"),
                Arguments.of("password", "salt", 42, "833cf0dcf56db65608e8f0dc0ce882bd"),
                Arguments.of(lorem, "salis\0", 8, "10978b07253df57f71a162eb0e8ad30a"));
    }

    @ParameterizedTest
    @MethodSource("openBsdVectors")
    void matchesOpenBsdRegressVectors(String password, String salt, int rounds, String expectedHex) {
        byte[] expected = HexFormat.of().parseHex(expectedHex);
        byte[] key = BcryptPbkdf.derive(password.getBytes(StandardCharsets.ISO_8859_1),
                salt.getBytes(StandardCharsets.ISO_8859_1), rounds, expected.length);
        assertArrayEquals(expected, key);
    }

    @Test
    void refusesWhatBcryptPbkdfRefuses() {
        byte[] p = {1};
        assertThrows(IllegalArgumentException.class, () -> BcryptPbkdf.derive(p, p, 0, 32));
        assertThrows(IllegalArgumentException.class, () -> BcryptPbkdf.derive(p, new byte[0], 1, 32));
        assertThrows(IllegalArgumentException.class, () -> BcryptPbkdf.derive(p, p, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> BcryptPbkdf.derive(p, p, 1, BcryptPbkdf.MAX_KEY_BYTES + 1));
    }

    /** Blowfish's P-array and S-boxes are the hex digits of pi (Schneier 1993); the words every table publishes. */
    @Test
    void blowfishStateIsTheDigitsOfPi() {
        int[] p = BlowfishState.PiDigits.WORDS_P;
        int[] s = BlowfishState.PiDigits.WORDS_S;
        assertEquals(18, p.length);
        assertEquals(1024, s.length);
        assertEquals(0x243f6a88, p[0]);
        assertEquals(0x85a308d3, p[1]);
        assertEquals(0x8979fb1b, p[17]);
        assertEquals(0xd1310ba6, s[0]);        // S-box 1, first word
        assertEquals(0x6e85076a, s[255]);      // S-box 1, last word
        assertEquals(0x4b7a70e9, s[256]);      // S-box 2, first word
        assertEquals(0xe93d5a68, s[512]);      // S-box 3, first word
        assertEquals(0x3a39ce37, s[768]);      // S-box 4, first word
        assertEquals(0x3ac372e6, s[1023]);     // S-box 4, last word
    }
}
