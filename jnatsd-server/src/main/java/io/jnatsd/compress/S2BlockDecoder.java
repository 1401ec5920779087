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
 */
public final class S2BlockDecoder {
    private static final int MAX_VARINT_BYTES = 10;
    /** Literals and copies up to this length take the two-moves path when there is room for 16 bytes. */
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
        int written = new ElementCursor(block, offset + headerSize, offset + length,
                destination, destinationOffset, destinationOffset + decodedLength).run();
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

    /** The decoding loop over one block's elements; one instance per block. */
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

        int run() throws S2FormatException {
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
            if (code < SHORT && in + 1 + SHORT <= sourceEnd && out + SHORT <= outputEnd) {
                // Most literals of route traffic are a few bytes (the values between repeated
                // keys): two 8-byte moves cost less than a call of the array copy. Bytes past the
                // literal are overwritten by what follows, and both moves stay inside the block.
                LittleEndian.store64(output, out, LittleEndian.load64(source, in + 1));
                LittleEndian.store64(output, out + 8, LittleEndian.load64(source, in + 9));
                in += code + 2;
                out += code + 1;
                return;
            }
            long length = code < 60 ? code + 1 : operand(1, code - 59) + 1;
            in += code < 60 ? 1 : code - 58;
            if (length > outputEnd - out || length > sourceEnd - in) {
                throw new S2FormatException("literal of " + length + " bytes overruns the block");
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
            int length = switch (lengthCode) {
                case 5 -> (int) operand(0, 1) + 8;
                case 6 -> (int) operand(0, 2) + 260;
                case 7 -> (int) operand(0, 3) + 65540;
                default -> lengthCode + 4;
            };
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
                throw new S2FormatException("copy offset " + offset + " is beyond the output");
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
                throw new S2FormatException("copy offset " + offset + " points before the output start");
            }
            if (length > outputEnd - out) {
                throw new S2FormatException("copy of " + length + " bytes overruns the declared length");
            }
            int from = out - offset;
            if (offset >= 8 && length <= SHORT && out + SHORT <= outputEnd) {
                // A short copy from at least 8 bytes back: each 8-byte move reads only bytes
                // already written, and the 16 bytes written stay inside the declared length.
                LittleEndian.store64(output, out, LittleEndian.load64(output, from));
                LittleEndian.store64(output, out + 8, LittleEndian.load64(output, from + 8));
            } else if (offset >= length) {
                System.arraycopy(output, from, output, out, length);
            } else if (offset == 1) {
                Arrays.fill(output, out, out + length, output[from]);
            } else {
                overlappingCopy(from, length);
            }
            out += length;
        }

        /**
         * The source overlaps the destination, so the copy repeats a period of {@code offset}
         * bytes. Copying whole periods keeps the pattern aligned, and each step can take twice
         * as much as the previous one because that much is already written.
         */
        private void overlappingCopy(int from, int length) {
            int to = out;
            int remaining = length;
            while (remaining > 0) {
                int chunk = Math.min(to - from, remaining);
                System.arraycopy(output, from, output, to, chunk);
                to += chunk;
                remaining -= chunk;
            }
        }
    }
}
