package io.jnatsd.compress;

import java.util.Arrays;

/**
 * Decodes one S2 block: a uvarint of the decoded length followed by elements.
 *
 * <pre>
 * tag & 3 == 0  literal  length-1 in the upper 6 bits; 60..63 mean 1..4 more length bytes (LE)
 * tag & 3 == 1  copy1    length 4 + bits 2..4, offset = bits 5..7 &lt;&lt; 8 | next byte;
 *                        offset 0 is S2's repeat: copy again from the previous offset, with
 *                        length 4..8 for codes 0..4, or 1/2/3 more bytes + 8/260/65540
 * tag & 3 == 2  copy2    length 1 + upper 6 bits, 2-byte LE offset
 * tag & 3 == 3  copy4    length 1 + upper 6 bits, 4-byte LE offset
 * </pre>
 *
 * Every length and offset is checked before it is used, so any input either decodes or
 * throws {@link S2FormatException}; the output size is bounded by the caller's destination.
 *
 * <p>Speed: route traffic decodes to elements of a dozen bytes on average, so the cost is per
 * element, not per byte. Away from the ends of the block and the destination, elements are
 * decoded with "wild" 8-byte moves that may run up to {@value #WILD_MARGIN} bytes past the
 * element (the next elements overwrite them), and with only the checks that validate the
 * input; near the ends every element is decoded exactly.
 */
public final class S2BlockDecoder {
    /**
     * Bytes past the decoded data a destination should have for the fast path to run to the
     * end of the block; the decoder may overwrite them (see {@link #decode}).
     */
    public static final int WILD_MARGIN = 80;

    private static final int MAX_VARINT_BYTES = 10;
    /** Bytes of the block the fast path may read from a tag on: a 5-byte header and a 16-byte literal. */
    private static final int FAST_INPUT_MARGIN = 21;
    /** The longest literal or copy the fast path moves in 8-byte steps. */
    private static final int FAST_LENGTH = 64;
    /** Literals and copies up to this length take the two-moves path in the exact tail loop. */
    private static final int SHORT = 16;

    private S2BlockDecoder() {
    }

    /** The decoded length the block declares in its header. */
    public static int decodedLength(byte[] block, int offset, int length) throws S2FormatException {
        return (int) readHeader(block, offset, length);
    }

    /**
     * Decodes {@code block[offset, offset+length)} into {@code destination} from
     * {@code destinationOffset}; returns the number of bytes written. Fails if the declared
     * length does not fit the destination, so the destination size is the caller's bound.
     * Nothing before {@code destinationOffset} is touched, but bytes of the destination after
     * the decoded ones may be overwritten: give the destination {@link #WILD_MARGIN} spare
     * bytes for speed, and decode where nothing follows that must be kept.
     */
    public static int decode(byte[] block, int offset, int length, byte[] destination, int destinationOffset)
            throws S2FormatException {
        long header = readHeader(block, offset, length);
        int decodedLength = (int) header;
        int headerSize = (int) (header >>> 32);
        if (decodedLength > destination.length - destinationOffset) {
            throw new S2FormatException("declared length " + decodedLength + " exceeds the space of "
                    + (destination.length - destinationOffset) + " bytes");
        }
        ElementCursor cursor = new ElementCursor(block, offset + headerSize, offset + length,
                destination, destinationOffset, destinationOffset + decodedLength);
        cursor.runFast();
        int written = cursor.runExact();
        if (written != decodedLength) {
            throw new S2FormatException("block decodes to " + written + " bytes, declared " + decodedLength);
        }
        return decodedLength;
    }

    /** The decoded length in the low 32 bits, the header size in the high bits. */
    private static long readHeader(byte[] block, int offset, int length) throws S2FormatException {
        long value = 0;
        for (int i = 0; i < MAX_VARINT_BYTES && i < length; i++) {
            int b = block[offset + i] & 0xff;
            if (i < 5) {
                value |= (long) (b & 0x7f) << (7 * i);
            } else if ((b & 0x7f) != 0) {
                throw new S2FormatException("declared length exceeds 32 bits");
            }
            if (b < 0x80) {
                if (value > Integer.MAX_VALUE) {
                    throw new S2FormatException("declared length " + value + " is too large");
                }
                return ((long) (i + 1) << 32) | value;
            }
        }
        throw new S2FormatException("truncated or overlong length header");
    }

    private static S2FormatException badOffset(int offset) {
        return new S2FormatException("copy offset " + Integer.toUnsignedString(offset) + " points before the output start");
    }

    private static S2FormatException overrun(long length) {
        return new S2FormatException("element of " + length + " bytes overruns the block or its declared length");
    }

    /** The decoding loops over one block's elements; one instance per block. */
    private static final class ElementCursor {
        private final byte[] source;
        private final int sourceEnd;
        private final byte[] output;
        private final int outputStart;
        private final int outputEnd;
        private int in;
        private int out;
        private int lastOffset;

        ElementCursor(byte[] source, int sourceStart, int sourceEnd, byte[] output, int outputStart, int outputEnd) {
            this.source = source;
            this.in = sourceStart;
            this.sourceEnd = sourceEnd;
            this.output = output;
            this.outputStart = outputStart;
            this.out = outputStart;
            this.outputEnd = outputEnd;
        }

        /**
         * Decodes elements while each one's header and a 16-byte literal lie inside the block and
         * {@value #WILD_MARGIN} bytes are left in the destination: then every move of up to
         * {@value #FAST_LENGTH} bytes, plus its 8-byte overshoot, stays inside both arrays
         * without a check. Lengths and offsets are still checked against the declared length and
         * the output written so far. State is kept in locals and stored back at the end.
         */
        void runFast() throws S2FormatException {
            final byte[] src = source;
            final byte[] dst = output;
            final int inLimit = sourceEnd - FAST_INPUT_MARGIN;
            final int outLimit = dst.length - WILD_MARGIN;
            final int start = outputStart;
            final int end = outputEnd;
            int in = this.in;
            int out = this.out;
            int last = lastOffset;
            while (in <= inLimit && out <= outLimit) {
                // The tag and the next three bytes in one load: copy1 and copy2 read their
                // offsets from it.
                int word = LittleEndian.load32(src, in);
                int tag = word & 0xff;
                int length;
                int offset;
                switch (tag & 3) {
                    case 0 -> {
                        int code = tag >>> 2;
                        if (code < SHORT) {
                            if (code >= end - out) {
                                throw overrun(code + 1);
                            }
                            LittleEndian.store64(dst, out, LittleEndian.load64(src, in + 1));
                            LittleEndian.store64(dst, out + 8, LittleEndian.load64(src, in + 9));
                            in += code + 2;
                            out += code + 1;
                            continue;
                        }
                        int extra = code < 60 ? 0 : code - 59;
                        long literal = (extra == 0 ? code : LittleEndian.loadUnsigned(src, in + 1, extra)) + 1;
                        in += 1 + extra;
                        if (literal > end - out || literal > sourceEnd - in) {
                            throw overrun(literal);
                        }
                        int n = (int) literal;
                        if (n <= FAST_LENGTH && in + FAST_LENGTH <= src.length) {
                            for (int i = 0; i < n; i += 8) {
                                LittleEndian.store64(dst, out + i, LittleEndian.load64(src, in + i));
                            }
                        } else {
                            System.arraycopy(src, in, dst, out, n);
                        }
                        in += n;
                        out += n;
                        continue;
                    }
                    case 1 -> {
                        length = 4 + ((tag >>> 2) & 7);
                        offset = (tag & 0xe0) << 3 | (word >>> 8) & 0xff;
                        in += 2;
                        if (offset == 0) {
                            offset = last;
                            if (length > 8) {
                                int extra = length - 8;
                                length = (int) LittleEndian.loadUnsigned(src, in, extra) + REPEAT_BIAS[extra];
                                in += extra;
                            }
                        }
                    }
                    case 2 -> {
                        length = 1 + (tag >>> 2);
                        offset = (word >>> 8) & 0xffff;
                        in += 3;
                    }
                    default -> {
                        length = 1 + (tag >>> 2);
                        offset = LittleEndian.load32(src, in + 1);
                        in += 5;
                    }
                }
                // offset - 1 as unsigned: 0 and offsets above 2^31 (negative here) fail too.
                if (Integer.compareUnsigned(offset - 1, out - start) >= 0) {
                    throw badOffset(offset);
                }
                if (length > end - out) {
                    throw overrun(length);
                }
                last = offset;
                int from = out - offset;
                if (length <= FAST_LENGTH) {
                    if (offset < 8) {
                        patternCopy(dst, from, out, length);
                    } else if (length <= 2 * SHORT) {
                        // Four moves whatever the length up to 32: cheaper than a loop whose exit
                        // depends on the length (route traffic's copies are 4 to 30 bytes).
                        LittleEndian.store64(dst, out, LittleEndian.load64(dst, from));
                        LittleEndian.store64(dst, out + 8, LittleEndian.load64(dst, from + 8));
                        LittleEndian.store64(dst, out + 16, LittleEndian.load64(dst, from + 16));
                        LittleEndian.store64(dst, out + 24, LittleEndian.load64(dst, from + 24));
                    } else {
                        for (int i = 0; i < length; i += 8) {
                            LittleEndian.store64(dst, out + i, LittleEndian.load64(dst, from + i));
                        }
                    }
                } else {
                    exactCopy(dst, from, out, length, offset);
                }
                out += length;
            }
            this.in = in;
            this.out = out;
            this.lastOffset = last;
        }

        /** Decodes the remaining elements with every move checked against the block and the declared length. */
        int runExact() throws S2FormatException {
            while (in < sourceEnd) {
                int tag = source[in] & 0xff;
                switch (tag & 3) {
                    case 0 -> literal(tag);
                    case 1 -> copy1(tag);
                    case 2 -> copy(1 + (tag >>> 2), (int) operand(1, 2));
                    default -> copy4(tag);
                }
            }
            return out - outputStart;
        }

        private void literal(int tag) throws S2FormatException {
            int code = tag >>> 2;
            long length = code < 60 ? code + 1 : operand(1, code - 59) + 1;
            in += code < 60 ? 1 : code - 58;
            if (length > outputEnd - out || length > sourceEnd - in) {
                throw overrun(length);
            }
            System.arraycopy(source, in, output, out, (int) length);
            in += (int) length;
            out += (int) length;
        }

        private void copy1(int tag) throws S2FormatException {
            int lengthCode = (tag >>> 2) & 7;
            int offset = ((tag & 0xe0) << 3) | (int) operand(1, 1);
            in += 2;
            if (offset != 0) {
                lastOffset = offset;
                copyBytes(4 + lengthCode, offset);
                return;
            }
            int length = lengthCode < 5 ? lengthCode + 4 : (int) operand(0, lengthCode - 4) + REPEAT_BIAS[lengthCode - 4];
            in += lengthCode < 5 ? 0 : lengthCode - 4;
            copyBytes(length, lastOffset);
        }

        private void copy(int length, int offset) throws S2FormatException {
            in += 3;
            lastOffset = offset;
            copyBytes(length, offset);
        }

        private void copy4(int tag) throws S2FormatException {
            long offset = operand(1, 4);
            in += 5;
            if (offset > Integer.MAX_VALUE) {
                throw badOffset((int) offset);
            }
            lastOffset = (int) offset;
            copyBytes(1 + (tag >>> 2), lastOffset);
        }

        /** Reads {@code count} bytes starting {@code skip} bytes after the current tag. */
        private long operand(int skip, int count) throws S2FormatException {
            if (sourceEnd - in < skip + count) {
                throw new S2FormatException("element truncated at the end of the block");
            }
            return LittleEndian.loadUnsigned(source, in + skip, count);
        }

        private void copyBytes(int length, int offset) throws S2FormatException {
            if (offset <= 0 || offset > out - outputStart) {
                throw badOffset(offset);
            }
            if (length > outputEnd - out) {
                throw overrun(length);
            }
            exactCopy(output, out - offset, out, length, offset);
            out += length;
        }
    }

    /** Added to the 1, 2 or 3 extra length bytes of a repeat (index: their count). */
    private static final int[] REPEAT_BIAS = {0, 8, 260, 65540};

    /**
     * Copies {@code length} bytes from {@code offset} back, writing nothing past the copy. An
     * overlapping source repeats a period of {@code offset} bytes: copying whole periods keeps
     * the pattern aligned, and each step can take twice as much as the one before.
     */
    private static void exactCopy(byte[] dst, int from, int to, int length, int offset) {
        if (offset >= length) {
            System.arraycopy(dst, from, dst, to, length);
        } else if (offset == 1) {
            Arrays.fill(dst, to, to + length, dst[from]);
        } else {
            int remaining = length;
            while (remaining > 0) {
                int chunk = Math.min(to - from, remaining);
                System.arraycopy(dst, from, dst, to, chunk);
                to += chunk;
                remaining -= chunk;
            }
        }
    }

    /**
     * A copy from fewer than 8 bytes back, at most {@value #FAST_LENGTH} bytes long, with room
     * for 16 bytes of overshoot. Each 8-byte move writes the period once more in front of what
     * is written, so the distance to the source doubles until it reaches 8; from then on plain
     * 8-byte moves continue the pattern. Bytes a move writes beyond the finished period are
     * garbage until the next move overwrites them.
     */
    private static void patternCopy(byte[] dst, int from, int to, int length) {
        int end = to + length;
        while (to - from < 8) {
            LittleEndian.store64(dst, to, LittleEndian.load64(dst, from));
            to += to - from;
        }
        while (to < end) {
            LittleEndian.store64(dst, to, LittleEndian.load64(dst, from));
            from += 8;
            to += 8;
        }
    }
}
