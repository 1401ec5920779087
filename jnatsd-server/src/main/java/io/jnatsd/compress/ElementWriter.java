package io.jnatsd.compress;

/**
 * Appends S2 block elements to an output array and remembers the last copy offset, so a copy
 * at the same distance goes out as S2's cheaper repeat element.
 *
 * <p>Only element forms the reference Go decoder accepts are written: copies are at least 4
 * bytes long, a repeat always follows a copy, and copies longer than 64 bytes are split into a
 * copy of 61..64 bytes and a repeat of the rest.
 */
final class ElementWriter {
    /** Largest bytes one {@link #copy} call can write: a copy4 and a 3-byte repeat. */
    static final int MAX_COPY_BYTES = 5 + 5;
    /** Largest literal header: tag and 4 length bytes. */
    static final int MAX_LITERAL_HEADER = 5;

    /** Literals up to this length are moved as two longs when source and output have room. */
    private static final int SHORT_LITERAL = 16;

    private static final int TAG_LITERAL = 0;
    private static final int TAG_COPY1 = 1;
    private static final int TAG_COPY2 = 2;
    private static final int TAG_COPY4 = 3;

    private byte[] output;
    private int position;
    private int limit;
    private int lastOffset;

    void reset(byte[] output, int position, int limit) {
        this.output = output;
        this.position = position;
        this.limit = limit;
        this.lastOffset = 0;
    }

    int position() {
        return position;
    }

    int lastOffset() {
        return lastOffset;
    }

    /**
     * Whether a literal of {@code literalLength} bytes and one copy still fit below the limit.
     * Encoders stop as soon as this is false: the block is then not worth compressing.
     */
    boolean fits(int literalLength) {
        return limit - position >= literalLength + MAX_LITERAL_HEADER + MAX_COPY_BYTES;
    }

    void literal(byte[] source, int from, int length) {
        if (length == 0) {
            return;
        }
        int n = length - 1;
        if (length <= SHORT_LITERAL && from + SHORT_LITERAL <= source.length && position + 1 + SHORT_LITERAL <= limit) {
            // The values between repeated keys are a few bytes each: two 8-byte moves cost less
            // than a call of the array copy. The bytes past the literal lie below the limit and
            // are overwritten by the next element.
            output[position] = (byte) (n << 2 | TAG_LITERAL);
            LittleEndian.store64(output, position + 1, LittleEndian.load64(source, from));
            LittleEndian.store64(output, position + 9, LittleEndian.load64(source, from + 8));
            position += 1 + length;
            return;
        }
        if (n < 60) {
            output[position++] = (byte) (n << 2 | TAG_LITERAL);
        } else {
            int extraBytes = n < 1 << 8 ? 1 : n < 1 << 16 ? 2 : n < 1 << 24 ? 3 : 4;
            output[position++] = (byte) ((59 + extraBytes) << 2 | TAG_LITERAL);
            for (int i = 0; i < extraBytes; i++) {
                output[position++] = (byte) (n >>> (8 * i));
            }
        }
        System.arraycopy(source, from, output, position, length);
        position += length;
    }

    /** A back-reference of {@code length >= 4} bytes at distance {@code offset >= 1}. */
    void copy(int offset, int length) {
        if (offset == lastOffset) {
            repeat(length);
            return;
        }
        lastOffset = offset;
        if (length <= 64 && offset < 65536) {
            // The common copy on route traffic: copy1 or copy2, chosen without a branch (which of
            // the two a match needs is as good as random), written as one 4-byte store; the
            // byte past a copy1 or copy2 lies below the limit and is overwritten by what follows.
            boolean copy1 = offset < 2048 & length <= 11;
            int asCopy1 = (offset >>> 8) << 5 | (length - 4) << 2 | TAG_COPY1 | (offset & 0xff) << 8;
            int asCopy2 = (length - 1) << 2 | TAG_COPY2 | offset << 8;
            LittleEndian.store32(output, position, copy1 ? asCopy1 : asCopy2);
            position += copy1 ? 2 : 3;
            return;
        }
        if (offset < 2048 && length <= 11) {
            output[position++] = (byte) ((offset >>> 8) << 5 | (length - 4) << 2 | TAG_COPY1);
            output[position++] = (byte) offset;
            return;
        }
        int first = length <= 64 ? length : Math.min(64, length - 4);
        if (offset < 65536) {
            output[position++] = (byte) ((first - 1) << 2 | TAG_COPY2);
            output[position++] = (byte) offset;
            output[position++] = (byte) (offset >>> 8);
        } else {
            output[position++] = (byte) ((first - 1) << 2 | TAG_COPY4);
            LittleEndian.store32(output, position, offset);
            position += 4;
        }
        if (length > first) {
            repeat(length - first);
        }
    }

    /** Bytes {@link #copy} would write for this match; lets the best encoder compare matches. */
    int copyCost(int offset, int length) {
        if (offset == lastOffset) {
            return repeatCost(length);
        }
        int base = offset < 2048 && length <= 11 ? 2 : offset < 65536 ? 3 : 5;
        return length <= 64 ? base : (offset < 65536 ? 3 : 5) + repeatCost(length - Math.min(64, length - 4));
    }

    static int repeatCost(int length) {
        return length <= 8 ? 2 : length <= 263 ? 3 : length <= 65795 ? 4 : 5;
    }

    /** Repeat lengths reach 16 MiB + 65540, beyond any block, so one element always does. */
    private void repeat(int length) {
        if (length <= 8) {
            output[position++] = (byte) ((length - 4) << 2 | TAG_COPY1);
            output[position++] = 0;
        } else if (length <= 263) {
            output[position++] = (byte) (5 << 2 | TAG_COPY1);
            output[position++] = 0;
            output[position++] = (byte) (length - 8);
        } else if (length <= 65795) {
            output[position++] = (byte) (6 << 2 | TAG_COPY1);
            output[position++] = 0;
            output[position++] = (byte) (length - 260);
            output[position++] = (byte) ((length - 260) >>> 8);
        } else {
            int extra = length - 65540;
            output[position++] = (byte) (7 << 2 | TAG_COPY1);
            output[position++] = 0;
            output[position++] = (byte) extra;
            output[position++] = (byte) (extra >>> 8);
            output[position++] = (byte) (extra >>> 16);
        }
    }
}
