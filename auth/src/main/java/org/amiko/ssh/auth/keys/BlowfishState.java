package org.amiko.ssh.auth.keys;

import java.math.BigInteger;

/**
 * The Blowfish cipher state (Schneier 1993) with the "expensive key schedule" operations of
 * bcrypt (Provos and Mazières 1999, OpenBSD {@code blf.c}) that {@link BcryptPbkdf} needs. The
 * JCA's Blowfish does not expose its state between key schedule steps, so it cannot serve here.
 *
 * <p>The initial state is the fractional part of pi in hexadecimal: 18 P-array words, then the
 * four 256-word S-boxes. Rather than carry a 1042-word table, it is computed once, exactly, from
 * Machin's formula; the tests check it against the published words.
 */
final class BlowfishState {

    private static final int ROUNDS = 16;
    private static final int P_WORDS = ROUNDS + 2;
    private static final int S_WORDS = 4 * 256;

    private final int[] p;
    private final int[] s;

    private BlowfishState() {
        p = PiDigits.WORDS_P.clone();
        s = PiDigits.WORDS_S.clone();
    }

    /** Blowfish_initstate: the pi digits. */
    static BlowfishState initial() {
        return new BlowfishState();
    }

    /** The first 32 bits of {@code data} from {@code pos[0]} on, big-endian, wrapping around; advances pos[0]. */
    static int streamToWord(byte[] data, int[] pos) {
        int word = 0;
        int j = pos[0];
        for (int i = 0; i < 4; i++) {
            if (j >= data.length) {
                j = 0;
            }
            word = (word << 8) | (data[j] & 0xff);
            j++;
        }
        pos[0] = j;
        return word;
    }

    private int f(int x) {
        return ((s[x >>> 24] + s[0x100 | ((x >>> 16) & 0xff)]) ^ s[0x200 | ((x >>> 8) & 0xff)]) + s[0x300 | (x & 0xff)];
    }

    /** Blowfish_encipher on {@code block[off]} (left) and {@code block[off + 1]} (right). */
    void encipher(int[] block, int off) {
        int l = block[off];
        int r = block[off + 1];
        l ^= p[0];
        for (int i = 1; i <= ROUNDS; i += 2) {
            r ^= f(l) ^ p[i];
            l ^= f(r) ^ p[i + 1];
        }
        block[off] = r ^ p[ROUNDS + 1];
        block[off + 1] = l;
    }

    /** Blowfish_expandstate: the salted key schedule of bcrypt ("EksBlowfishSetup" with salt {@code data}). */
    void expandState(byte[] data, byte[] key) {
        xorKey(key);
        int[] pos = {0};
        int[] block = {0, 0};
        for (int i = 0; i < P_WORDS; i += 2) {
            block[0] ^= streamToWord(data, pos);
            block[1] ^= streamToWord(data, pos);
            encipher(block, 0);
            p[i] = block[0];
            p[i + 1] = block[1];
        }
        for (int i = 0; i < S_WORDS; i += 2) {
            block[0] ^= streamToWord(data, pos);
            block[1] ^= streamToWord(data, pos);
            encipher(block, 0);
            s[i] = block[0];
            s[i + 1] = block[1];
        }
    }

    /** Blowfish_expand0state: the plain Blowfish key schedule, applied to the current state. */
    void expand0State(byte[] key) {
        xorKey(key);
        int[] block = {0, 0};
        for (int i = 0; i < P_WORDS; i += 2) {
            encipher(block, 0);
            p[i] = block[0];
            p[i + 1] = block[1];
        }
        for (int i = 0; i < S_WORDS; i += 2) {
            encipher(block, 0);
            s[i] = block[0];
            s[i + 1] = block[1];
        }
    }

    private void xorKey(byte[] key) {
        int[] pos = {0};
        for (int i = 0; i < P_WORDS; i++) {
            p[i] ^= streamToWord(key, pos);
        }
    }

    /** Overwrites the key-dependent state. */
    void wipe() {
        java.util.Arrays.fill(p, 0);
        java.util.Arrays.fill(s, 0);
    }

    /** The hexadecimal digits of pi after the point, as 32-bit words: Blowfish's initial state. */
    static final class PiDigits {

        static final int[] WORDS_P;
        static final int[] WORDS_S;

        static {
            int[] words = fractionWords(P_WORDS + S_WORDS);
            WORDS_P = java.util.Arrays.copyOfRange(words, 0, P_WORDS);
            WORDS_S = java.util.Arrays.copyOfRange(words, P_WORDS, P_WORDS + S_WORDS);
        }

        private PiDigits() {
        }

        /** The first {@code n} 32-bit words of the fraction of pi. */
        static int[] fractionWords(int n) {
            int bits = 32 * n;
            int guard = 64;
            // Machin: pi = 16 atan(1/5) - 4 atan(1/239), in fixed point with 'bits + guard' fraction bits.
            BigInteger pi = arctanInverse(5, bits + guard).shiftLeft(4)
                    .subtract(arctanInverse(239, bits + guard).shiftLeft(2));
            BigInteger fraction = pi.shiftRight(guard).subtract(BigInteger.valueOf(3).shiftLeft(bits));
            int[] words = new int[n];
            for (int i = 0; i < n; i++) {
                words[i] = fraction.shiftRight(bits - 32 * (i + 1)).intValue();
            }
            return words;
        }

        /** atan(1/x) = sum (-1)^k / ((2k + 1) x^(2k + 1)), scaled by 2^scale. */
        private static BigInteger arctanInverse(int x, int scale) {
            BigInteger xSquared = BigInteger.valueOf((long) x * x);
            BigInteger power = BigInteger.ONE.shiftLeft(scale).divide(BigInteger.valueOf(x));
            BigInteger sum = power;
            for (int k = 1; power.signum() != 0; k++) {
                power = power.divide(xSquared);
                BigInteger term = power.divide(BigInteger.valueOf(2L * k + 1));
                sum = (k & 1) == 1 ? sum.subtract(term) : sum.add(term);
            }
            return sum;
        }
    }
}
