package io.jnatsd.auth.nkey;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The Ed25519 public key of a seed (RFC 8032 §5.1.5), and the X25519 one of a curve key,
 * computed here rather than by the JDK's providers. Every server makes new keys at start and only
 * ever shows their public halves (its ID and its xkey), and the JDK's first Ed25519 key costs a
 * fresh JVM some 240 classes of provider set-up and tens of milliseconds of CPU
 * (docs/STARTUP.md); this takes a few milliseconds, interpreted. Signing still goes through the
 * JDK ({@link Ed25519}), which also checks this arithmetic in the tests: both must give the same
 * key for every seed.
 *
 * <p>Field elements mod p = 2^255 - 19 are sixteen 16-bit limbs in {@code long}s (products and
 * their sums stay far below 2^63); points are in extended coordinates (X, Y, Z, T) with
 * x = X/Z, y = Y/Z, xy = T/Z, and one unified addition formula serves for doubling too. Not
 * constant-time: the seed is drawn once per start and never leaves the process, so there is no
 * repeated operation on it for a timing side channel to observe.
 */
final class Edwards25519 {
    private static final int LIMBS = 16;
    /** The base point B, little-endian: x, and y = 4/5 (its x is even). */
    private static final long[] BASE_X = fromLittleEndianHex("1ad5258f602d56c9b2a7259560c72c695cdcd6fd31e2a4c0fe536ecdd3366921");
    private static final long[] BASE_Y = fromLittleEndianHex("5866666666666666666666666666666666666666666666666666666666666666");
    /** 2d, with d = -121665/121666 the curve's constant. */
    private static final long[] D2 = twiceD();
    /** p in limbs, for the final reduction. */
    private static final long[] P = fromLittleEndianHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");

    private Edwards25519() {
    }

    /** The 32-byte public key of a 32-byte seed: the clamped first half of SHA-512(seed), times B. */
    static byte[] publicKey(byte[] seed) {
        return encode(timesBase(clamped(sha512(seed))));
    }

    /**
     * The X25519 public key (RFC 7748 §6.1) of a 32-byte private key, the form of an NKey curve
     * key: the clamped key times B, mapped to the Montgomery curve's u = (1 + y) / (1 - y), which
     * takes B to X25519's base point u = 9.
     */
    static byte[] curvePublicKey(byte[] privateKey) {
        long[][] point = timesBase(clamped(privateKey.clone()));
        long[] numerator = new long[LIMBS];
        long[] denominator = new long[LIMBS];
        sum(numerator, point[2], point[1]);
        subtract(denominator, point[2], point[1]);
        invert(denominator, denominator);
        multiply(numerator, numerator, denominator);
        return toBytes(numerator);
    }

    /**
     * The X25519 public key whose secret is the scalar of the Ed25519 key {@code edwardsPublicKey}:
     * u = (1 + y) / (1 - y) of its point, one inversion instead of a second multiplication by B
     * (the conversion libsodium offers as ed25519_pk_to_curve25519).
     */
    static byte[] curveKeyOf(byte[] edwardsPublicKey) {
        long[] y = new long[LIMBS];
        for (int i = 0; i < LIMBS; i++) {
            y[i] = (edwardsPublicKey[2 * i] & 0xff) | (edwardsPublicKey[2 * i + 1] & 0xff) << 8;
        }
        y[LIMBS - 1] &= 0x7fff; // the top bit is the sign of x
        long[] numerator = new long[LIMBS];
        long[] denominator = new long[LIMBS];
        sum(numerator, one(), y);
        subtract(denominator, one(), y);
        invert(denominator, denominator);
        multiply(numerator, numerator, denominator);
        return toBytes(numerator);
    }

    /** The scalar as both Ed25519 and X25519 use it: a multiple of 8, bit 254 set, bit 255 clear. */
    private static byte[] clamped(byte[] scalar) {
        scalar[0] &= (byte) 248;
        scalar[31] &= 127;
        scalar[31] |= 64;
        return scalar;
    }

    private static long[][] timesBase(byte[] scalar) {
        long[][] base = {BASE_X.clone(), BASE_Y.clone(), one(), new long[LIMBS]};
        multiply(base[3], BASE_X, BASE_Y);
        long[][] point = {new long[LIMBS], one(), one(), new long[LIMBS]};
        for (int bit = 254; bit >= 0; bit--) {
            add(point, point);
            if (((scalar[bit >> 3] >> (bit & 7)) & 1) != 0) {
                add(point, base);
            }
        }
        return point;
    }

    /** y, with the sign (lowest bit) of x in the top bit of the last byte. */
    private static byte[] encode(long[][] point) {
        long[] zInverse = new long[LIMBS];
        invert(zInverse, point[2]);
        long[] x = new long[LIMBS];
        long[] y = new long[LIMBS];
        multiply(x, point[0], zInverse);
        multiply(y, point[1], zInverse);
        byte[] encoded = toBytes(y);
        encoded[31] ^= (byte) ((toBytes(x)[0] & 1) << 7);
        return encoded;
    }

    /** p = p + q on the twisted Edwards curve with a = -1 (Hisil et al., "add-2008-hwcd-3"). */
    private static void add(long[][] p, long[][] q) {
        long[] a = new long[LIMBS];
        long[] b = new long[LIMBS];
        long[] c = new long[LIMBS];
        long[] d = new long[LIMBS];
        long[] t = new long[LIMBS];
        long[] u = new long[LIMBS];
        subtract(t, p[1], p[0]);
        subtract(u, q[1], q[0]);
        multiply(a, t, u);
        sum(t, p[1], p[0]);
        sum(u, q[1], q[0]);
        multiply(b, t, u);
        multiply(c, p[3], q[3]);
        multiply(c, c, D2);
        multiply(d, p[2], q[2]);
        sum(d, d, d);
        long[] e = t;
        long[] f = u;
        long[] g = new long[LIMBS];
        long[] h = new long[LIMBS];
        subtract(e, b, a);
        subtract(f, d, c);
        sum(g, d, c);
        sum(h, b, a);
        multiply(p[0], e, f);
        multiply(p[1], h, g);
        multiply(p[2], g, f);
        multiply(p[3], e, h);
    }

    private static void sum(long[] out, long[] a, long[] b) {
        for (int i = 0; i < LIMBS; i++) {
            out[i] = a[i] + b[i];
        }
    }

    private static void subtract(long[] out, long[] a, long[] b) {
        for (int i = 0; i < LIMBS; i++) {
            out[i] = a[i] - b[i];
        }
    }

    /** out = a * b mod p; out may be a or b. 2^256 = 38 mod p folds the upper half down. */
    private static void multiply(long[] out, long[] a, long[] b) {
        long[] product = new long[2 * LIMBS - 1];
        for (int i = 0; i < LIMBS; i++) {
            for (int j = 0; j < LIMBS; j++) {
                product[i + j] += a[i] * b[j];
            }
        }
        for (int i = 0; i < LIMBS - 1; i++) {
            product[i] += 38 * product[i + LIMBS];
        }
        System.arraycopy(product, 0, out, 0, LIMBS);
        carry(out);
        carry(out);
    }

    /** Brings every limb to 16 bits (floor division, so negative limbs borrow), the top carry folded as 38. */
    private static void carry(long[] limbs) {
        for (int i = 0; i < LIMBS; i++) {
            long carry = limbs[i] >> 16;
            limbs[i] -= carry << 16;
            if (i < LIMBS - 1) {
                limbs[i + 1] += carry;
            } else {
                limbs[0] += 38 * carry;
            }
        }
    }

    /** out = a^(p-2) = 1/a: p - 2 = 2^255 - 21 has every bit below 255 set except bits 4 and 2. */
    private static void invert(long[] out, long[] a) {
        long[] c = a.clone();
        for (int bit = 253; bit >= 0; bit--) {
            multiply(c, c, c);
            if (bit != 4 && bit != 2) {
                multiply(c, c, a);
            }
        }
        System.arraycopy(c, 0, out, 0, LIMBS);
    }

    /** The unique representative below p, little-endian. */
    private static byte[] toBytes(long[] element) {
        long[] t = element.clone();
        // carry() leaves limbs 1 to 15 in range; the fold of the top carry can push limb 0 out again.
        do {
            carry(t);
        } while (t[0] < 0 || t[0] > 0xffff);
        // Now 0 <= t < 2^256 = 2p + 38, below 3p: subtract p while the result stays non-negative.
        for (int round = 0; round < 2; round++) {
            long[] m = new long[LIMBS];
            long borrow = 0;
            for (int i = 0; i < LIMBS; i++) {
                long v = t[i] - P[i] - borrow;
                borrow = (v >> 16) & 1;
                m[i] = v & 0xffff;
            }
            if (borrow == 0) {
                t = m;
            }
        }
        byte[] out = new byte[32];
        for (int i = 0; i < LIMBS; i++) {
            out[2 * i] = (byte) t[i];
            out[2 * i + 1] = (byte) (t[i] >> 8);
        }
        return out;
    }

    private static long[] one() {
        long[] one = new long[LIMBS];
        one[0] = 1;
        return one;
    }

    private static long[] twiceD() {
        long[] numerator = new long[LIMBS];
        numerator[0] = -121665;
        long[] denominator = new long[LIMBS];
        denominator[0] = 121666;
        long[] inverse = new long[LIMBS];
        invert(inverse, denominator);
        long[] d = new long[LIMBS];
        multiply(d, numerator, inverse);
        sum(d, d, d);
        return d;
    }

    private static long[] fromLittleEndianHex(String hex) {
        long[] limbs = new long[LIMBS];
        for (int i = 0; i < LIMBS; i++) {
            int low = Integer.parseInt(hex, 4 * i, 4 * i + 2, 16);
            int high = Integer.parseInt(hex, 4 * i + 2, 4 * i + 4, 16);
            limbs[i] = low | (high << 8);
        }
        return limbs;
    }

    private static byte[] sha512(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-512", e);
        }
    }
}
