package io.jnatsd.auth.nkey;

import java.util.Arrays;

/**
 * The text form of NKeys, as the NATS tools write it: base32 (no padding) of a prefix, the 32
 * key bytes and a CRC-16 (little endian) over both. A public key has one prefix byte (its type's
 * letter) and is 56 characters long; a seed has two (an {@code S}, then the type's letter) and is
 * 58 long. Decoding checks length, alphabet, checksum and type, and never throws.
 */
public final class NKeys {
    static final int KEY_LENGTH = 32;
    private static final int SEED_PREFIX = 18 << 3; // 'S'
    private static final int PUBLIC_TEXT_LENGTH = 56;
    private static final int SEED_TEXT_LENGTH = 58;

    /** A decoded seed: the type of key it makes and its 32 bytes. */
    public record Seed(NKeyType type, byte[] bytes) {
    }

    private NKeys() {
    }

    public static String encodePublic(NKeyType type, byte[] key) {
        checkKeyLength(key);
        byte[] raw = new byte[1 + KEY_LENGTH + 2];
        raw[0] = (byte) type.prefixByte();
        System.arraycopy(key, 0, raw, 1, KEY_LENGTH);
        return Base32.encode(withChecksum(raw));
    }

    public static String encodeSeed(NKeyType type, byte[] seed) {
        checkKeyLength(seed);
        byte[] raw = new byte[2 + KEY_LENGTH + 2];
        raw[0] = (byte) (SEED_PREFIX | (type.prefixByte() >> 5));
        raw[1] = (byte) ((type.prefixByte() & 31) << 3);
        System.arraycopy(seed, 0, raw, 2, KEY_LENGTH);
        return Base32.encode(withChecksum(raw));
    }

    /** The type of a well-formed public key, or null when {@code text} is not one. */
    public static NKeyType publicKeyType(String text) {
        byte[] raw = checked(text, PUBLIC_TEXT_LENGTH);
        return raw == null ? null : NKeyType.ofPrefixByte(raw[0] & 0xFF);
    }

    public static boolean isPublicKey(String text, NKeyType type) {
        return publicKeyType(text) == type;
    }

    /** The 32 key bytes of a public key of that type, or null when {@code text} is not one. */
    public static byte[] decodePublic(String text, NKeyType type) {
        byte[] raw = checked(text, PUBLIC_TEXT_LENGTH);
        if (raw == null || NKeyType.ofPrefixByte(raw[0] & 0xFF) != type) {
            return null;
        }
        return Arrays.copyOfRange(raw, 1, 1 + KEY_LENGTH);
    }

    /** The seed, or null when {@code text} is not a well-formed seed. */
    public static Seed decodeSeed(String text) {
        byte[] raw = checked(text, SEED_TEXT_LENGTH);
        if (raw == null || (raw[0] & 0xF8) != SEED_PREFIX) {
            return null;
        }
        int typePrefix = ((raw[0] & 7) << 5) | ((raw[1] & 0xF8) >> 3);
        NKeyType type = NKeyType.ofPrefixByte(typePrefix);
        return type == null ? null : new Seed(type, Arrays.copyOfRange(raw, 2, 2 + KEY_LENGTH));
    }

    /** Unpadded base32 of any bytes (JWT ids are written this way). */
    public static String base32(byte[] data) {
        return Base32.encode(data);
    }

    private static byte[] checked(String text, int textLength) {
        if (text == null || text.length() != textLength) {
            return null;
        }
        byte[] raw = Base32.decode(text);
        if (raw == null) {
            return null;
        }
        int body = raw.length - 2;
        int expected = (raw[body] & 0xFF) | ((raw[body + 1] & 0xFF) << 8);
        return Crc16.of(raw, body) == expected ? raw : null;
    }

    private static byte[] withChecksum(byte[] raw) {
        int crc = Crc16.of(raw, raw.length - 2);
        raw[raw.length - 2] = (byte) crc;
        raw[raw.length - 1] = (byte) (crc >> 8);
        return raw;
    }

    private static void checkKeyLength(byte[] key) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an NKey holds 32 bytes, not " + key.length);
        }
    }
}
